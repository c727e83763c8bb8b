import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { IntegrityService } from '../../libs/ledger/src/index.js';
import { IntegrityActionsService } from '../../libs/payouts/src/index.js';
import { MONTHS, thresholdBundle } from './fixtures.js';
import { startRun } from './helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

type Stage = 'before' | 'approved' | 'paid';
interface Action {
  at: Stage;
  op: 'hold' | 'release' | 'forfeit';
  author: number;
}
interface Month {
  adjustments: { author: number; amount: number }[];
  actions: Action[];
}

/** The months of the property: the fixtures' three, then one without reading in which openings alone are paid. */
const PERIODS = [...MONTHS, '2026-04'];

/**
 * Acceptance 3 of issue 18: integrity holds keep payouts out of the payout file, release
 * returns them to the balance (the next run pays them), forfeit forfeits them, and every
 * statement and the ledger stay exact.
 */
describe('integrity holds on payouts', () => {
  let t: TestApp;
  let actions: IntegrityActionsService;
  let db: DataSource;
  let starter: string;
  let approver: string;
  let authors: number[];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    actions = t.app.get(IntegrityActionsService);
    db = t.app.get(DataSource);
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
    const { rows } = await t.db.pool.query(`SELECT key FROM members WHERE id LIKE 'a-%' ORDER BY id`);
    authors = rows.map((r) => r.key);
  });
  afterAll(() => t.close());

  /** A fresh start (the journal is append-only: reset as a superuser would, triggers off). */
  async function reset() {
    const c = await t.db.pool.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`TRUNCATE ledger_entries, ledger_payout_events, statements, story_earnings, payout_runs, adjustments, payout_holds`);
      await c.query(`RESET session_replication_role`);
    } finally {
      c.release();
    }
  }

  const approve = (runId: string) => t.http.post(`/api/payout-runs/${runId}/approve`).set(auth(approver)).set(newKey()).expect(200);
  const markPaid = (runId: string, payouts: { statementId: string; state: string }[] = []) =>
    t.http.post(`/api/payout-runs/${runId}/mark-paid`).set(auth(approver)).set(newKey()).send({ payouts });
  const payoutFileIds = async (runId: string) => {
    const file = await t.http.get(`/api/payout-runs/${runId}/payout-file`).set(auth(starter)).expect(200);
    return file.text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[4]!)
      .sort();
  };

  /**
   * Statements balance; the ledger's integrity checks pass (author balances equal the
   * statements', no payout paid twice, the rebuilt journal equals the stored one); held and
   * forfeited money is exactly the payouts'; and money is conserved: everything earned in
   * final runs is paid, in transit, held, forfeited, carried, or back in a balance (failed,
   * reversed, released) and not yet taken back: a payout taken back is in a later opening.
   */
  async function expectExact() {
    const { rows: unbalanced } = await t.db.pool.query(
      `SELECT id FROM statements WHERE opening_micros + story_earnings_micros + referral_earnings_micros + adjustments_micros <> balance_micros
         OR balance_micros <> payout_cents * 10000 + carried_micros + forfeited_micros`,
    );
    expect(unbalanced).toEqual([]);
    const { rows: authorsOff } = await t.db.pool.query(
      `WITH latest AS (
         SELECT DISTINCT ON (s.author_key) s.author_key, s.carried_micros FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE r.status IN ('approved', 'paid') ORDER BY s.author_key, r.period DESC),
       unsettled AS (
         SELECT s.author_key, sum(s.payout_cents * 10000) AS amount FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE r.status IN ('approved', 'paid') AND s.payout_state IN ('failed', 'reversed', 'released') AND s.returned_by_run_id IS NULL GROUP BY 1),
       ledger AS (
         SELECT substr(account, 8)::int AS author_key, -sum(amount_micros) AS amount FROM ledger_entries WHERE account LIKE 'author:%' GROUP BY 1)
       SELECT coalesce(l.author_key, la.author_key) AS author FROM ledger l FULL JOIN latest la ON la.author_key = l.author_key
       LEFT JOIN unsettled u ON u.author_key = coalesce(l.author_key, la.author_key)
       WHERE coalesce(l.amount, 0) <> coalesce(la.carried_micros, 0) + coalesce(u.amount, 0)`,
    );
    expect(authorsOff).toEqual([]);
    const { rows: accounts } = await t.db.pool.query(
      `SELECT (SELECT coalesce(-sum(amount_micros), 0) FROM ledger_entries WHERE account = 'held')::text AS held,
              (SELECT coalesce(sum(payout_cents * 10000), 0) FROM statements WHERE payout_state = 'on_hold')::text AS on_hold,
              (SELECT coalesce(-sum(amount_micros), 0) FROM ledger_entries WHERE account = 'forfeited')::text AS forfeited,
              (SELECT coalesce(sum(CASE WHEN sm.payout_state = 'forfeited' THEN sm.payout_cents * 10000 ELSE 0 END + sm.forfeited_micros), 0)
                 FROM statements sm JOIN payout_runs r ON r.id = sm.run_id WHERE r.status IN ('approved', 'paid'))::text AS statements_forfeited`,
    );
    expect(accounts[0].held).toBe(accounts[0].on_hold);
    expect(accounts[0].forfeited).toBe(accounts[0].statements_forfeited);
    const { rows: money } = await t.db.pool.query(
      `WITH f AS (SELECT sm.* FROM statements sm JOIN payout_runs r ON r.id = sm.run_id WHERE r.status IN ('approved', 'paid')),
       latest AS (SELECT DISTINCT ON (author_key) carried_micros FROM f ORDER BY author_key, period DESC)
       SELECT (SELECT coalesce(sum(story_earnings_micros + referral_earnings_micros + adjustments_micros), 0) FROM f)::text AS earned,
              ((SELECT coalesce(sum(payout_cents * 10000) FILTER (WHERE returned_by_run_id IS NULL), 0) + coalesce(sum(forfeited_micros), 0) FROM f)
               + (SELECT coalesce(sum(carried_micros), 0) FROM latest))::text AS accounted`,
    );
    expect(money[0].accounted).toBe(money[0].earned);
    expect((await t.app.get(IntegrityService).run()).checks.filter((c) => !c.ok)).toEqual([]);
  }

  /** The run's payout file lists exactly its pending and transferred payouts: never a held or released one. */
  async function expectFileWithoutHeld(runId: string) {
    const { rows } = await t.db.pool.query(
      `SELECT id, payout_state AS state FROM statements WHERE run_id = $1 AND payout_state IN ('pending', 'transferred') ORDER BY id`,
      [runId],
    );
    expect(await payoutFileIds(runId)).toEqual(rows.map((r) => r.id).sort());
  }

  const action: fc.Arbitrary<Action> = fc.record({
    at: fc.constantFrom<Stage>('before', 'approved', 'paid'),
    op: fc.constantFrom<Action['op']>('hold', 'hold', 'release', 'forfeit'),
    author: fc.integer({ min: 0, max: 2 }),
  });
  const month: fc.Arbitrary<Month> = fc.record({
    adjustments: fc.array(fc.record({ author: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: -4_000_000, max: 30_000_000 }) }), {
      maxLength: 2,
    }),
    actions: fc.array(action, { maxLength: 5 }),
  });

  it('over random runs, holds, releases and forfeits: statements balanced, money conserved, ledger checks pass, releases paid by the next run', async () => {
    let paidAfterRelease = 0; // released payouts a later run took back (the property must reach the case)
    await fc.assert(
      fc.asyncProperty(fc.array(month, { minLength: PERIODS.length, maxLength: PERIODS.length }), async (months) => {
        await reset();
        const live: { ref: string; author: number }[] = [];
        let n = 0;
        const act = async (stage: Stage, m: Month) => {
          for (const a of m.actions.filter((x) => x.at === stage)) {
            const authorKey = authors[a.author]!;
            if (a.op === 'hold') {
              const ref = `hold-${n++}`;
              await db.transaction((em) => actions.hold(em, { authorKey, decisionRef: ref, reason: `review ${ref}` }));
              live.push({ ref, author: authorKey });
              continue;
            }
            const i = live.findIndex((h) => h.author === authorKey);
            if (i < 0) continue;
            const [{ ref }] = live.splice(i, 1);
            await db.transaction((em) => (a.op === 'release' ? actions.release(em, ref!) : actions.forfeit(em, ref!)));
          }
        };
        for (const [i, period] of PERIODS.entries()) {
          const m = months[i]!;
          for (const adj of m.adjustments.filter((x) => x.amount !== 0)) {
            await t.db.pool.query(
              `INSERT INTO adjustments (author_key, period, amount_micros, reason, created_by) VALUES ($1, $2, $3, 'property test', gen_random_uuid())`,
              [authors[adj.author], period, adj.amount],
            );
          }
          await act('before', m);
          const run = await startRun(t, starter, period);
          expect(run.status).toBe('computed');
          // the statements record the live holds of their authors, with the reason
          const { rows: recorded } = await t.db.pool.query(
            `SELECT sm.author_key AS author, sm.hold_ref AS ref, sm.hold_reason AS reason FROM statements sm WHERE sm.run_id = $1 ORDER BY 1`,
            [run.id],
          );
          for (const s of recorded) {
            const first = live.find((h) => h.author === s.author);
            expect({ author: s.author, ref: s.ref, reason: s.reason }).toEqual({
              author: s.author,
              ref: first?.ref ?? null,
              reason: first ? `review ${first.ref}` : null,
            });
          }
          await approve(run.id);
          // every payout back in a balance before the run was computed is in its openings; none is in two final runs' openings
          const { rows: missed } = await t.db.pool.query(
            `SELECT s.id FROM statements s JOIN payout_runs r ON r.id = s.run_id
             WHERE r.status IN ('approved', 'paid') AND s.payout_state IN ('failed', 'reversed', 'released') AND s.returned_by_run_id IS NULL
             UNION ALL
             SELECT x.id FROM statements sm JOIN payout_runs r ON r.id = sm.run_id, unnest(sm.returned_statement_ids) x (id)
             WHERE r.status IN ('approved', 'paid') GROUP BY x.id HAVING count(*) > 1`,
          );
          expect(missed).toEqual([]);
          const { rows: taken } = await t.db.pool.query(
            `SELECT count(*)::int AS n FROM statements WHERE payout_state = 'released' AND returned_by_run_id = $1`,
            [run.id],
          );
          paidAfterRelease += taken[0].n;
          const { rows: wrong } = await t.db.pool.query(
            `SELECT id FROM statements WHERE run_id = $1 AND payout_state IS NOT NULL AND (payout_state = 'on_hold') <> (hold_ref IS NOT NULL)`,
            [run.id],
          );
          expect(wrong).toEqual([]);
          await expectExact();
          await act('approved', m);
          await expectFileWithoutHeld(run.id);
          await expectExact();
          await markPaid(run.id).expect(200);
          await act('paid', m);
          await expectFileWithoutHeld(run.id);
          await markPaid(run.id).expect(200); // a released payout stays released: the next run pays it
          await expectFileWithoutHeld(run.id);
          await expectExact();
          const { rows: open } = await t.db.pool.query(
            `SELECT id FROM statements WHERE payout_state = 'pending' OR (payout_state = 'on_hold' AND hold_ref IS NULL)`,
          );
          expect(open).toEqual([]);
        }
      }),
      { numRuns: 10, seed: 20261203, endOnFailure: true },
    );
    expect(paidAfterRelease).toBeGreaterThan(0);
  }, 600_000);

  it('hold, release and forfeit move exactly the held payouts; mark-paid cannot move a payout an integrity hold keeps or released', async () => {
    await reset();
    const [twelve] = authors.filter((_, i) => i === 2); // a-twelve: $12.00 in January
    await t.db.pool.query(
      `INSERT INTO adjustments (author_key, period, amount_micros, reason, created_by) VALUES ($1, '2026-01', 6000000, 'bonus', gen_random_uuid())`,
      [authors[0]],
    );
    await db.transaction((em) => actions.hold(em, { authorKey: twelve!, decisionRef: 'case-1', reason: 'reading ring under review' }));
    expect(
      await db.transaction((em) => actions.hold(em, { authorKey: twelve!, decisionRef: 'case-1', reason: 'reading ring under review' })),
    ).toEqual({
      payouts: 0,
      amountMicros: 0n,
    });
    const run = await startRun(t, starter, '2026-01');
    const { body: statements } = await t.http
      .get('/api/statements')
      .query({ filter: JSON.stringify({ runId: run.id }) })
      .set(auth(starter))
      .expect(200);
    const held = statements.find((s: { holdRef: string | null }) => s.holdRef === 'case-1');
    expect(held).toMatchObject({ holdReason: 'reading ring under review', payoutCents: 1200, status: 'payable' });
    await approve(run.id);
    const state = async (id: string) =>
      (await t.db.pool.query(`SELECT payout_state FROM statements WHERE id = $1`, [id])).rows[0].payout_state;
    expect(await state(held.id)).toBe('on_hold');
    expect(await payoutFileIds(run.id)).not.toContain(held.id);
    const refused = await markPaid(run.id, [{ statementId: held.id, state: 'transferred' }]).expect(422);
    expect(refused.body.message).toMatch(/held by integrity decision case-1/);

    // a second hold of another author after approval holds their pending payout at once
    const other = statements.find((s: { holdRef: string | null; payoutCents: number }) => !s.holdRef && s.payoutCents > 0);
    const otherKey = (await t.db.pool.query(`SELECT author_key FROM statements WHERE id = $1`, [other.id])).rows[0].author_key;
    expect(await db.transaction((em) => actions.hold(em, { authorKey: otherKey, decisionRef: 'case-2', reason: 'farm' }))).toEqual({
      payouts: 1,
      amountMicros: BigInt(other.payoutCents) * 10_000n,
    });
    expect(await payoutFileIds(run.id)).toEqual([]);

    expect(await db.transaction((em) => actions.release(em, 'case-1'))).toEqual({ payouts: 1, amountMicros: 12_000_000n });
    expect(await db.transaction((em) => actions.release(em, 'case-1'))).toEqual({ payouts: 0, amountMicros: 0n });
    expect(await state(held.id)).toBe('released'); // back in the balance: the next run pays it
    expect(await payoutFileIds(run.id)).toEqual([]);
    expect(await db.transaction((em) => actions.forfeit(em, 'case-2'))).toEqual({
      payouts: 1,
      amountMicros: BigInt(other.payoutCents) * 10_000n,
    });
    await expect(db.transaction((em) => actions.release(em, 'case-2'))).rejects.toMatchObject({ status: 409 });
    await expect(db.transaction((em) => actions.forfeit(em, 'nope'))).rejects.toMatchObject({ status: 404 });
    expect(await state(other.id)).toBe('forfeited');
    await markPaid(run.id).expect(200);
    expect(await state(held.id)).toBe('released');
    await expectExact();
  });

  it('a hold committed while an approval waits is never missed: the approval waits for it, then refuses the stale run', async () => {
    await reset();
    const twelve = authors[2]!;
    const run = await startRun(t, starter, '2026-01');
    let holding!: () => void;
    let held!: () => void;
    const gate = new Promise<void>((resolve) => (holding = resolve));
    const taken = new Promise<void>((resolve) => (held = resolve));
    const hold = db.transaction(async (em) => {
      await actions.hold(em, { authorKey: twelve, decisionRef: 'case-race', reason: 'ring under review' });
      held();
      await gate; // the hold's transaction stays open until the approval is seen waiting
    });
    await taken;
    const approval = t.http
      .post(`/api/payout-runs/${run.id}/approve`)
      .set(auth(approver))
      .set(newKey())
      .then((r) => r);
    // the approval's backend waits on the payout money lock (polled: the condition, not a fixed delay)
    const waiting = async () =>
      (await t.db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`))
        .rows[0].n as number;
    for (let i = 0; (await waiting()) === 0; i++) {
      if (i > 500) throw new Error('the approval never waited for the hold');
      await new Promise((r) => setTimeout(r, 20));
    }
    holding();
    await hold;
    const res = await approval;
    expect([res.status, res.body.details?.rule]).toEqual([409, 'stale_run']);
    expect((await t.db.pool.query(`SELECT status FROM payout_runs WHERE id = $1`, [run.id])).rows[0].status).toBe('computed');
  });
});
