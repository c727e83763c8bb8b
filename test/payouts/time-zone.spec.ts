import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TableFactory } from '../support/factory.js';
import { EXAMPLES, expectedOf, startRun, statements } from './helpers.js';

/**
 * Issue 13: money must not depend on the database's time zone. The database's default is
 * set to a zone with DST (Berlin) and to one 13¾ hours ahead (Chatham); every connection of
 * the product pins UTC, so the example run and the forfeiture cutoff (`end − 180 days`,
 * which in Berlin would be 2026-05-04 23:00Z instead of 2026-05-05 00:00Z) come out the same.
 * (`TEST_DB_TIMEZONE=<zone> npm run jest -- test/payouts test/referral-legacy` runs every
 * payout and referral suite that way.)
 */
describe.each(['Europe/Berlin', 'Pacific/Chatham'])('with the database time zone %s', (timezone) => {
  let t: TestApp;
  let finance: string;
  const expected = expectedOf('worked-example');

  beforeAll(async () => {
    t = await startTestApp({}, { timezone });
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}worked-example`));
    // An author whose enrollment ended half an hour before the UTC cutoff, with a positive balance: forfeited.
    const factory = new TableFactory(t.db.pool);
    const gone = await factory.member({ id: 'gone', name: 'Gone', email: 'gone@x.test', joinedAt: '2025-01-01Z' });
    await factory.enrollment({ id: 'en-gone', memberKey: gone, enrolledAt: '2025-01-01Z', leftAt: '2026-05-04T23:30:00Z' });
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    const staff = (await t.db.pool.query(`SELECT id FROM staff_users LIMIT 1`)).rows[0].id;
    await factory.rows('adjustments', [{ authorKey: gone, period: '2026-10', amountMicros: 20000000, reason: 'owed', createdBy: staff }]);
  });
  afterAll(() => t.close());

  it("the database says so, and the product's connections run in UTC anyway", async () => {
    expect((await t.db.pool.query(`SHOW timezone`)).rows[0].TimeZone).toBe(timezone);
    expect((await t.app.get(DataSource).query(`SHOW timezone`))[0].TimeZone).toBe('UTC');
  });

  it('computes the example exactly, referral credits included, and forfeits by the UTC cutoff', async () => {
    const run = await startRun(t, finance, '2026-10');
    expect(run.status).toBe('computed');
    expect({
      pool: run.poolMicros,
      allocated: run.allocatedMicros,
      unallocated: run.unallocatedMicros,
      referrals: run.referralMicros,
      members: run.memberCount,
      pairs: run.pairCount,
    }).toEqual(expected.totals);
    const byAuthor = await statements(t, finance, run.id);
    for (const [id, a] of Object.entries(expected.authors)) {
      expect({
        id,
        storyEarnings: byAuthor[id]?.storyEarningsMicros ?? 0,
        referralEarnings: byAuthor[id]?.referralEarningsMicros ?? 0,
      }).toEqual({ id, ...a });
    }
    expect(byAuthor.gone).toMatchObject({ status: 'forfeited', forfeitedMicros: 20_000_000, payoutCents: 0 });
  });
});
