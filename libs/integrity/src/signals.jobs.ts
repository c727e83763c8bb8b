import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '../../core/src/queue/job-handler.js';
import { SignalsService, type DetectionResult } from './signals.service.js';

/** The worker's side of the detection. */
@Injectable()
export class SignalsJobs {
  private readonly logger = new Logger('integrity-signals');

  constructor(private readonly signals: SignalsService) {}

  @JobHandler('integritySignals')
  async integritySignals(job: Pick<Job<{ period: string }>, 'data'>): Promise<DetectionResult> {
    const result = await this.signals.detect(job.data.period);
    this.logger.log(result, 'integrity signals computed');
    return result;
  }
}
