import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOBS, jobId } from '../../../core/src/queue/registry.js';

/** The job id of one day's aggregation: asking twice while it is queued queues one job. */
export const estimateDayJobId = (day: string) => jobId(JOBS.estimateDay.name, day);

/** Queues days' aggregations (the daily job's fan-out, and staff's "refresh now"). */
@Injectable()
export class EstimatesQueue {
  constructor(@InjectQueue('estimates') readonly queue: Queue) {}

  async queueDays(days: string[]): Promise<string[]> {
    // removed once done or failed: a job kept under its id would make every later add of that day a no-op
    for (const day of days)
      await this.queue.add(
        JOBS.estimateDay.name,
        { day },
        { jobId: estimateDayJobId(day), removeOnComplete: true, removeOnFail: true, attempts: 3 },
      );
    return days;
  }
}
