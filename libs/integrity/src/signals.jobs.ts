import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '../../core/src/queue/job-handler.js';
import { SignalsService, type DetectionResult } from './signals.service.js';
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
  async integritySignals(job: Pick<Job<{ period: string }>, 'data'>): Promise<DetectionResult> {
    const result = await this.signals.detect(job.data.period);
    this.logger.log(result, 'integrity signals computed');
    await this.stakesQueue.enqueue(job.data.period);
    return result;
  }

  @JobHandler('integrityStakes')
  async integrityStakes(job: Pick<Job<{ period: string }>, 'data'>): Promise<StakesResult> {
    const result = await this.stakes.compute(job.data.period);
    this.logger.log(result, 'integrity money at stake computed');
    return result;
  }
}
