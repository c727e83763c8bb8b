import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { JOBS, jobId, queueConnection, type JobKey } from '../../libs/core/src/index.js';
import { JOB_HANDLER_KEY } from '../../libs/core/src/queue/job-handler.js';
import type { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { REFERRALS_SCHEDULER_ID, ReferralJobs, registerReferralsSchedule } from '../../libs/referral-legacy/src/referral-jobs.js';
import { periodBefore } from '../../libs/core/src/period/period.js';
import { referralCreditCents } from '../../libs/referral-legacy/src/referral-rules.js';
import { testConfig } from '../support/app.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { addCharges, addMembers, addReferrals, referrerTotals } from './fixtures.js';
import { creditsServiceOn } from './support.js';

/** The handlers ReferralJobs declares with @JobHandler, by BullMQ job name (what the worker's dispatcher does). */
function dispatcher(jobs: ReferralJobs): Map<string, (job: Job) => Promise<unknown>> {
  const out = new Map<string, (job: Job) => Promise<unknown>>();
  const proto = ReferralJobs.prototype as unknown as Record<string, (job: Job) => Promise<unknown>>;
  for (const method of Object.getOwnPropertyNames(proto)) {
    const key = Reflect.getMetadata(JOB_HANDLER_KEY, proto[method]) as JobKey | undefined;
    if (key) out.set(JOBS[key].name, (job) => proto[method].call(jobs, job));
  }
  return out;
}

/** Queues honor-legacy-referrals for a period under its deterministic id (asking twice gives one job). */
const honorJob = (queue: Queue, period: string) =>
  queue.add(JOBS.honorLegacyReferrals.name, { period }, { jobId: jobId(JOBS.honorLegacyReferrals.name, period) });

/** Resolves when the worker finishes (or fails) the job with this id. */
function settled(worker: Worker, id: string): Promise<{ state: 'completed' | 'failed'; value: unknown }> {
  return new Promise((resolve) => {
    const done = (job: Job, value: unknown) => job.id === id && (off(), resolve({ state: 'completed', value }));
    const failed = (job: Job | undefined, error: Error) => job?.id === id && (off(), resolve({ state: 'failed', value: error.message }));
    const off = () => {
      worker.off('completed', done);
      worker.off('failed', failed);
    };
    worker.on('completed', done);
    worker.on('failed', failed);
  });
}

describe('referral jobs on a real queue', () => {
  let db: TestDatabase;
  let credits: { service: ReferralCreditsService; dataSource: DataSource };
  let queue: Queue;
  let worker: Worker;
  let failNext = false;
  const handled: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    await addMembers(
      db.pool,
      ['a1', 'a2', 'r1', 'r2'].map((id) => ({ id })),
    );
    await addCharges(db.pool, [
      { id: 'ch-r1', memberId: 'r1', plan: 'monthly', coversFrom: '2026-10', grossCents: 500, feeCents: 45 },
      { id: 'ch-r2', memberId: 'r2', plan: 'annual', coversFrom: '2026-06', grossCents: 5000, feeCents: 175 },
    ]);
    await addReferrals(db.pool, [
      { id: 'ref-1', referrerId: 'a2', referredMemberId: 'r1', referredAt: '2023-01-15T09:00:00Z', pageSlug: 'ref-a2' },
      { id: 'ref-2', referrerId: 'a1', referredMemberId: 'r2', referredAt: '2023-06-10T09:00:00Z', pageSlug: 'ref-a1' },
    ]);
    credits = await creditsServiceOn(db.url);
    const handlers = dispatcher(new ReferralJobs(credits.service));
    const { options } = queueConnection(testConfig(), db.url);
    queue = new Queue('referrals', options as never);
    worker = new Worker(
      'referrals',
      async (job: Job) => {
        handled.push(job.name);
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable (simulated)');
        }
        return handlers.get(job.name)!(job);
      },
      { ...(options as object), concurrency: 1 } as never,
    );
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await credits.dataSource.destroy();
    await db.drop();
  });

  it('declares exactly one handler for each referral job of the registry', () => {
    const names = [...dispatcher(new ReferralJobs(credits.service)).keys()].sort();
    expect(names).toEqual([JOBS.honorLegacyReferrals.name, JOBS.referralsMonthly.name].sort());
  });

  it('honor-legacy-referrals: one job per period (deterministic id), processed by a worker, credits the period', async () => {
    const id = jobId('honor-legacy-referrals', '2026-10');
    const done = settled(worker, id);
    const first = await honorJob(queue, '2026-10');
    const second = await honorJob(queue, '2026-10');
    expect([first.id, second.id]).toEqual([id, id]);
    expect(await done).toEqual({ state: 'completed', value: { period: '2026-10', credited: 2, reversed: 0, totalMicros: '4280000' } });
    expect(await referrerTotals(db.pool, '2026-10')).toEqual({ a1: 2_010_000n, a2: 2_270_000n });
    // asking again once it is done leaves the finished job as it is: no second run
    await honorJob(queue, '2026-10');
    expect(await (await queue.getJob(id))!.getState()).toBe('completed');
    expect(handled.filter((n) => n === 'honor-legacy-referrals')).toHaveLength(1);
  });

  it('a failed job of a period completes when it is retried', async () => {
    const id = jobId('honor-legacy-referrals', '2026-11');
    failNext = true;
    const failed = settled(worker, id);
    // one attempt only, so that it fails for good here
    await queue.add(JOBS.honorLegacyReferrals.name, { period: '2026-11' }, { jobId: id, attempts: 1 });
    expect(await failed).toEqual({ state: 'failed', value: 'database unavailable (simulated)' });
    const retried = settled(worker, id);
    await (await queue.getJob(id))!.retry('failed');
    expect(await retried).toEqual({ state: 'completed', value: { period: '2026-11', credited: 1, reversed: 0, totalMicros: '2010000' } });
  });

  it('the monthly schedule is registered once, at 02:00 UTC on the 2nd, for the job referrals-monthly', async () => {
    await registerReferralsSchedule(queue);
    await registerReferralsSchedule(queue); // every worker start upserts: still one scheduler
    expect(await queue.getJobSchedulersCount()).toBe(1);
    const scheduler = await queue.getJobScheduler(REFERRALS_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ key: REFERRALS_SCHEDULER_ID, name: JOBS.referralsMonthly.name, pattern: '0 2 2 * *', tz: 'UTC' });
    const next = new Date(scheduler!.next!);
    expect([next.getUTCDate(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 2, 0]);
  });

  it('the scheduled job, when due, honors the month before the one it was due in', async () => {
    const [job] = await queue.getDelayed();
    expect(job.name).toBe(JOBS.referralsMonthly.name);
    const period = periodBefore(new Date(job.opts.prevMillis!));
    const done = settled(worker, job.id!);
    await job.promote(); // run it now instead of waiting for the 2nd
    const result = await done;
    // what step 8 gives that period from the two charges (the clock decides which period it is)
    const expected =
      referralCreditCents({ plan: 'monthly', netCents: 455n, coversFrom: '2026-10' }, period) +
      referralCreditCents({ plan: 'annual', netCents: 4825n, coversFrom: '2026-06' }, period);
    expect(result).toEqual({ state: 'completed', value: expect.objectContaining({ period, totalMicros: (expected * 10000n).toString() }) });
    const { rows } = await db.pool.query(`SELECT coalesce(sum(amount_micros), 0)::text AS total FROM referral_credits WHERE period = $1`, [
      period,
    ]);
    expect(rows[0].total).toBe((expected * 10000n).toString());
  });

  it('referrals-monthly called directly for a run due on 2026-12-02 honors 2026-11', async () => {
    const jobs = new ReferralJobs(credits.service);
    const result = await jobs.referralsMonthly({ opts: { prevMillis: Date.parse('2026-12-02T02:00:00Z') }, timestamp: 0, delay: 0 });
    expect(result.period).toBe('2026-11');
    expect(await referrerTotals(db.pool, '2026-11')).toEqual({ a1: 2_010_000n });
  });

  it('honor-legacy-referrals refuses job data without a valid period', async () => {
    const jobs = new ReferralJobs(credits.service);
    await expect(jobs.honorLegacyReferrals({ data: { period: 'October' } })).rejects.toThrow(/YYYY-MM/);
  });
});
