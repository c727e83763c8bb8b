import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { ReferralJobs } from '../../libs/referral-legacy/src/referral-jobs.js';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { EXAMPLES, startRun, statements } from '../payouts/helpers.js';
import { referrerTotals } from './fixtures.js';

const PERIOD = '2026-10';

/**
 * Issue 13: the monthly referral job and the payout run both honor a period, and stored
 * credits are never rewritten, so whichever runs first decides them. Both now read the
 * referral share from the one owner (referral-legacy, the parameter set's referral
 * section): after an admin changes it, both orders give the same credits, at the new share.
 */
describe.each(['the referral job first', 'the payout run first'])('after referralShareBps changes to 4000, %s', (order) => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}worked-example`));
    worker = await t.startWorker();
    finance = await t.tokenFor(['finance']);
    const admin = await t.adminToken();
    await t.http
      .put('/api/earnings-parameters/current')
      .set('Authorization', `Bearer ${admin}`)
      .send({ referralShareBps: 4000 })
      .expect(200);
  });
  afterAll(() => t.close());

  it('credits the period at the new share (455¢ × 40% = 182¢; 4825¢ × 40% = 1930¢ over 12 months: 161¢ in month 4), and the statements agree', async () => {
    const job = () => worker.get(ReferralJobs).honorLegacyReferrals({ data: { period: PERIOD } });
    let run;
    if (order === 'the referral job first') {
      expect(await job()).toMatchObject({ credited: 2, totalMicros: '3430000' });
      run = await startRun(t, finance, PERIOD);
    } else {
      run = await startRun(t, finance, PERIOD);
      expect(await job()).toMatchObject({ credited: 0, totalMicros: '3430000' });
    }
    expect(await referrerTotals(t.db.pool, PERIOD)).toEqual({ a2: 1_820_000n, a1: 1_610_000n });
    expect(run.referralMicros).toBe(3_430_000);
    const byAuthor = await statements(t, finance, run.id);
    expect([byAuthor.a1?.referralEarningsMicros, byAuthor.a2?.referralEarningsMicros]).toEqual([1_610_000, 1_820_000]);
  });
});
