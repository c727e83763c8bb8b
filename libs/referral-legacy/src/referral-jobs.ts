import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { badInput, JobHandler, JOBS } from '../../core/src/index.js';
import { isPeriod, periodBefore } from '../../core/src/period/period.js';
import { ReferralCreditsService, type HonorResult } from './referral-credits.service.js';

export interface HonorJobData {
  period: string;
}

/** What the jobs return (BullMQ stores it as JSON, so the amount is a decimal string). */
export interface HonorJobResult {
  period: string;
  credited: number;
  reversed: number;
  totalMicros: string;
}

const asJobResult = (period: string, r: HonorResult): HonorJobResult => ({
  period,
  credited: r.credited,
  reversed: r.reversed,
  totalMicros: r.totalMicros.toString(),
});

export const REFERRALS_SCHEDULER_ID = 'referrals-monthly';
/** 02:00 UTC on the 2nd of each month, for the month before. */
export const REFERRALS_SCHEDULE = { pattern: '0 2 2 * *', tz: 'UTC' } as const;

/** Registers (or updates) the monthly schedule on the referrals queue. */
export async function registerReferralsSchedule(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(REFERRALS_SCHEDULER_ID, { ...REFERRALS_SCHEDULE }, { name: JOBS.referralsMonthly.name });
}

/** The instant a scheduled job was due (BullMQ's `prevMillis`), else when it was added. */
export function dueAt(job: Pick<Job, 'opts' | 'timestamp' | 'delay'>): Date {
  return new Date(job.opts?.prevMillis ?? job.timestamp + (job.delay ?? 0));
}

/** The worker's side of the referral jobs. */
@Injectable()
export class ReferralJobs {
  private readonly logger = new Logger('referral-jobs');

  constructor(private readonly credits: ReferralCreditsService) {}

  @JobHandler('honorLegacyReferrals')
  async honorLegacyReferrals(job: Pick<Job<HonorJobData>, 'data'>): Promise<HonorJobResult> {
    const period = job.data?.period;
    if (!isPeriod(period)) throw badInput(`job data must be {period: "YYYY-MM"} (got ${JSON.stringify(job.data)})`);
    return asJobResult(period, await this.credits.honor(period));
  }

  /** The scheduled run: honors the month before the one it was due in. */
  @JobHandler('referralsMonthly')
  async referralsMonthly(job: Pick<Job, 'opts' | 'timestamp' | 'delay'>): Promise<HonorJobResult> {
    const period = periodBefore(dueAt(job));
    this.logger.log({ period }, 'monthly legacy referral run');
    return asJobResult(period, await this.credits.honor(period));
  }
}

/** Registers the monthly schedule when the worker starts (the api never does). */
@Injectable()
export class ReferralsSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue('referrals') private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await registerReferralsSchedule(this.queue);
  }
}
