import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '../../core/src/queue/job-handler.js';
import type { IntegritySignalsPayload } from '../../core/src/queue/registry.js';
import { SignalsService, type DetectionResult, type SupersededDetection } from './signals.service.js';
import { StakesQueue, StakesService, type StakesResult } from './stakes.service.js';

/** The worker's side of the detection and of its money at stake. */
@Injectable()
export class SignalsJobs {
  private readonly logger = new Logger('integrity-signals');

  constructor(
    private readonly signals: SignalsService,
    private readonly stakes: StakesService,
    private readonly stakesQueue: StakesQueue,
  ) {}

  @JobHandler('integritySignals')
  async integritySignals(job: Pick<Job<IntegritySignalsPayload>, 'data'>): Promise<DetectionResult | SupersededDetection> {
    const { period, readingVersion } = job.data;
    const result =
      readingVersion === undefined ? await this.signals.detect(period) : await this.signals.detectAfterIntake(period, readingVersion);
    this.logger.log(result, 'integrity signals computed');
    // a superseded detection changed no case: the newer one queues the stakes
    if (!('superseded' in result)) await this.stakesQueue.enqueue(period);
    return result;
  }

  @JobHandler('integrityStakes')
  async integrityStakes(job: Pick<Job<{ period: string }>, 'data'>): Promise<StakesResult> {
    const result = await this.stakes.compute(job.data.period);
    this.logger.log(result, 'integrity money at stake computed');
    return result;
  }
}
