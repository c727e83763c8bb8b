import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { JOBS, jobId, queueConnection } from '../../libs/core/src/index.js';
import { REFERRALS_SCHEDULER_ID } from '../../libs/referral-legacy/src/referral-jobs.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addCharges, addMembers, addReferrals, referrerTotals } from './fixtures.js';

/** The product's own worker (createWorker): its dispatcher finds the referral handlers and its start registers the schedule. */
describe('referral jobs in the real worker', () => {
  let t: TestApp;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    t = await startTestApp();
    await addMembers(
      t.db.pool,
      ['a1', 'a2', 'r1', 'r2'].map((id) => ({ id })),
    );
    await addCharges(t.db.pool, [
      { id: 'ch-r1', memberId: 'r1', plan: 'monthly', coversFrom: '2026-10', grossCents: 500, feeCents: 45 },
      { id: 'ch-r2', memberId: 'r2', plan: 'annual', coversFrom: '2026-06', grossCents: 5000, feeCents: 175 },
    ]);
    await addReferrals(t.db.pool, [
      { id: 'ref-1', referrerId: 'a2', referredMemberId: 'r1', referredAt: '2023-01-15T09:00:00Z', pageSlug: 'ref-a2' },
      { id: 'ref-2', referrerId: 'a1', referredMemberId: 'r2', referredAt: '2023-06-10T09:00:00Z', pageSlug: 'ref-a1' },
    ]);
    queue = t.app.get<Queue>(getQueueToken('referrals'));
    events = new QueueEvents('referrals', queueConnection(t.config, t.db.url).options as never);
    await events.waitUntilReady();
    await t.startWorker();
  });
  afterAll(async () => {
    await events.close();
    await queue.obliterate({ force: true }); // the schedule and jobs of this test's queue namespace
    await t.close();
  });

  it('registers the monthly schedule when the worker starts', async () => {
    expect(await queue.getJobScheduler(REFERRALS_SCHEDULER_ID)).toMatchObject({
      name: JOBS.referralsMonthly.name,
      pattern: '0 2 2 * *',
      tz: 'UTC',
    });
  });

  it('processes honor-legacy-referrals enqueued from the api side', async () => {
    const job = await queue.add(
      JOBS.honorLegacyReferrals.name,
      { period: '2026-10' },
      { jobId: jobId(JOBS.honorLegacyReferrals.name, '2026-10') },
    );
    expect(await job.waitUntilFinished(events, 30_000)).toEqual({ period: '2026-10', credited: 2, reversed: 0, totalMicros: '4280000' });
    expect(await referrerTotals(t.db.pool, '2026-10')).toEqual({ a1: 2_010_000n, a2: 2_270_000n });
  });
});
