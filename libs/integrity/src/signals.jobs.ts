import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '../../core/src/queue/job-handler.js';
import type { IntegritySignalsPayload } from '../../core/src/queue/registry.js';
import { SignalsService, type DetectionResult, type SupersededDetection } from './signals.service.js';

/** The worker's side of the detection. */
@Injectable()
export class SignalsJobs {
  private readonly logger = new Logger('integrity-signals');

  constructor(private readonly signals: SignalsService) {}

  @JobHandler('integritySignals')
  async integritySignals(job: Pick<Job<IntegritySignalsPayload>, 'data'>): Promise<DetectionResult | SupersededDetection> {
    const { period, readingVersion } = job.data;
    const result =
      readingVersion === undefined ? await this.signals.detect(period) : await this.signals.detectAfterIntake(period, readingVersion);
    this.logger.log(result, 'integrity signals computed');
    return result;
  }
}
