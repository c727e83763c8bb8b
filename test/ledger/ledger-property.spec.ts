import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LedgerService } from '../../libs/ledger/src/index.js';
import { MONTHS, thresholdBundle } from '../payouts/fixtures.js';
import { startRun } from '../payouts/helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

type Outcome = 'transferred' | 'failed' | 'on_hold';
interface Month {
  adjustments: { author: number; amount: number }[];
  outcomes: Outcome[];
  /** Later changes of this month's payouts: held released, transferred reversed, failed retried. */
  later: ('release' | 'reverse' | 'retry')[];
}

/**
 * Random sequences of runs, adjustments and payout outcomes (transfers, failures, holds,
 * releases, reversals): after every money event each group balances, every author's
 * ledger balance equals their latest statement's carried amount plus their unsettled
 * payouts, and rebuilding the journal gives the stored entries.
 */
describe('ledger properties over random sequences of money events', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let starter: string;
  let approver: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    ledger = t.app.get(LedgerService);
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  /**
   * A fresh start for each sequence. The journal is append-only for everyone; the test
   * resets it as a superuser would, with triggers off (session_replication_role = replica).
   */
  async function reset() {
    const c = await t.db.pool.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`TRUNCATE ledger_entries, ledger_payout_events, statements, story_earnings, payout_runs, adjustments`);
      await c.query(`RESET session_replication_role`);
    } finally {
      c.release();
    }
  }

  async function expectConsistent() {
    expect(await ledger.unbalancedGroups()).toEqual([]);
    const diff = await ledger.compareWithRebuilt();
    expect({ missing: diff.missingCount, extra: diff.extraCount }).toEqual({ missing: 0, extra: 0 });
    const { rows } = await t.db.pool.query(
      `WITH latest AS (
         SELECT DISTINCT ON (s.author_key) s.author_key, s.carried_micros FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE r.status IN ('approved', 'paid') ORDER BY s.author_key, r.period DESC),
       unsettled AS (
         SELECT s.author_key, sum(s.payout_cents * 10000) AS amount FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE r.status IN ('approved', 'paid') AND s.payout_state IN ('failed', 'reversed') AND s.returned_by_run_id IS NULL GROUP BY 1),
       ledger AS (
         SELECT substr(account, 8)::int AS author_key, -sum(amount_micros) AS amount FROM ledger_entries WHERE account LIKE 'author:%' GROUP BY 1)
       SELECT coalesce(l.author_key, la.author_key) AS author, coalesce(l.amount, 0)::text AS ledger,
              (coalesce(la.carried_micros, 0) + coalesce(u.amount, 0))::text AS statements
       FROM ledger l FULL JOIN latest la ON la.author_key = l.author_key LEFT JOIN unsettled u ON u.author_key = coalesce(l.author_key, la.author_key)
       WHERE coalesce(l.amount, 0) <> coalesce(la.carried_micros, 0) + coalesce(u.amount, 0)`,
    );
    expect(rows).toEqual([]);
  }

  const markPaid = (runId: string, payouts: { statementId: string; state: string }[]) =>
    t.http.post(`/api/payout-runs/${runId}/mark-paid`).set(auth(approver)).set(newKey()).send({ payouts }).expect(200);

  const month: fc.Arbitrary<Month> = fc.record({
    adjustments: fc.array(fc.record({ author: fc.integer({ min: 0, max: 5 }), amount: fc.integer({ min: -4_000_000, max: 9_000_000 }) }), {
      maxLength: 2,
    }),
    outcomes: fc.array(fc.constantFrom<Outcome>('transferred', 'failed', 'on_hold'), { minLength: 8, maxLength: 8 }),
    later: fc.array(fc.constantFrom('release' as const, 'reverse' as const, 'retry' as const), { minLength: 8, maxLength: 8 }),
  });

  it('balances, agrees with the statements and rebuilds identically', async () => {
    const { rows: authors } = await t.db.pool.query(`SELECT key FROM members ORDER BY key LIMIT 6`);
    await fc.assert(
      fc.asyncProperty(fc.array(month, { minLength: MONTHS.length, maxLength: MONTHS.length }), async (months) => {
        await reset();
        for (const [i, period] of MONTHS.entries()) {
          const m = months[i]!;
          for (const a of m.adjustments.filter((x) => x.amount !== 0)) {
            await t.db.pool.query(
              `INSERT INTO adjustments (author_key, period, amount_micros, reason, created_by) VALUES ($1, $2, $3, 'property test', gen_random_uuid())`,
              [authors[a.author % authors.length].key, period, a.amount],
            );
          }
          const run = await startRun(t, starter, period);
          expect(run.status).toBe('computed');
          await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(approver)).set(newKey()).expect(200);
          await expectConsistent();
          const { rows: payouts } = await t.db.pool.query(
            `SELECT id FROM statements WHERE run_id = $1 AND payout_state IS NOT NULL ORDER BY id`,
            [run.id],
          );
          const first = payouts.map((p, j) => ({ statementId: p.id as string, state: m.outcomes[j % m.outcomes.length]! }));
          await markPaid(run.id, first);
          await expectConsistent();
          const next = first.map((p, j) => {
            const l = m.later[j % m.later.length];
            if (p.state === 'on_hold' && l === 'release') return { statementId: p.statementId, state: 'pending' };
            if (p.state === 'transferred' && l === 'reverse') return { statementId: p.statementId, state: 'reversed' };
            if (p.state === 'failed' && l === 'retry') return { statementId: p.statementId, state: 'transferred' };
            return { statementId: p.statementId, state: p.state };
          });
          await markPaid(run.id, next);
          await expectConsistent();
        }
      }),
      { numRuns: 10 },
    );
  });
});
