import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { badInput, JobHandler, JOBS, jobId } from '../../core/src/index.js';
import { ReferralCreditsService, type HonorResult } from './referral-credits.service.js';
import { isPeriod, previousPeriod } from './referral-rules.js';

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

/**
 * Enqueues `honor-legacy-referrals` for a period under its deterministic id, so that
 * asking twice gives one job. A failed job of that id is retried rather than left
 * blocking the id; a waiting, running or finished one is left as it is.
 */
export async function enqueueHonorLegacyReferrals(queue: Queue, period: string): Promise<Job> {
  if (!isPeriod(period)) throw badInput(`period must be YYYY-MM (got "${period}")`, [{ field: 'period', message: 'must be YYYY-MM' }]);
  const id = jobId(JOBS.honorLegacyReferrals.name, period);
  const existing = await queue.getJob(id);
  if (existing && (await existing.isFailed())) {
    await existing.retry('failed');
    return existing;
  }
  return queue.add(JOBS.honorLegacyReferrals.name, { period } satisfies HonorJobData, {
    jobId: id,
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
  });
}

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
    const period = previousPeriod(dueAt(job));
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
