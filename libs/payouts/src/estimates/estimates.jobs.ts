import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JobHandler } from '../../../core/src/queue/job-handler.js';
import { JOBS, jobId } from '../../../core/src/queue/registry.js';
import { EstimatesService } from './estimates.service.js';

export const ESTIMATES_SCHEDULER_ID = 'estimates-daily';
/** 01:00 UTC: the previous UTC day is complete (late data for it is picked up as a marked day later). */
export const ESTIMATES_SCHEDULE = { pattern: '0 1 * * *', tz: 'UTC' } as const;

/** The job id of one day's aggregation: asking twice while it is queued queues one job. */
export const estimateDayJobId = (day: string) => jobId(JOBS.estimateDay.name, day);

/** The day before the instant the scheduled job was due (BullMQ's `prevMillis`), else before when it was added. */
export const dayBeforeDue = (job: { opts?: { prevMillis?: number }; timestamp: number }) =>
  new Date((job.opts?.prevMillis ?? job.timestamp) - 86_400_000).toISOString().slice(0, 10);

/** The worker's side of the estimates: the daily fan-out and one day's aggregation. */
@Injectable()
export class EstimatesJobs implements OnApplicationBootstrap {
  constructor(
    private readonly estimates: EstimatesService,
    @InjectQueue('estimates') private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(ESTIMATES_SCHEDULER_ID, { ...ESTIMATES_SCHEDULE }, { name: JOBS.estimatesDaily.name });
  }

  @JobHandler('estimatesDaily')
  async daily(job: Pick<Job, 'opts' | 'timestamp'>): Promise<string[]> {
    const days = await this.estimates.daysFor(dayBeforeDue(job));
    for (const day of days)
      // removed when failed too: a failed job kept under its id would make every later add of that day a no-op
      await this.queue.add(
        JOBS.estimateDay.name,
        { day },
        { jobId: estimateDayJobId(day), removeOnComplete: true, removeOnFail: true, attempts: 3 },
      );
    return days;
  }

  @JobHandler('estimateDay')
  async day(job: Pick<Job<{ day: string }>, 'data'>): Promise<string> {
    await this.estimates.aggregateDay(job.data.day);
    return job.data.day;
  }
}
