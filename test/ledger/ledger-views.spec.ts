import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MONTHS, thresholdBundle } from '../payouts/fixtures.js';
import { startRun } from '../payouts/helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

interface Entry {
  id: string;
  runId: string;
  period: string;
  statementId: string | null;
  kind: string;
  cause: string;
  amountMicros: number;
  debitMicros: number;
  creditMicros: number;
  balanceMicros: number;
  payoutState: string | null;
}
interface Account {
  account: string;
  openingMicros: number;
  debitsMicros: number;
  creditsMicros: number;
  closingMicros: number;
}

/**
 * The ledger's views over three months of the threshold example (spec/earnings.md step 9):
 * the first month's payout fails and comes back with the second; the third is approved and
 * not yet paid. An author's running balance after each run is that run's carried amount; each
 * period's trial balance balances and opens where the previous one closed.
 */
describe('author ledger and trial balance', () => {
  let t: TestApp;
  let finance: string;
  let support: string;
  const runs: Record<string, string> = {};
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    const starter = await t.tokenFor(['finance']);
    finance = await t.tokenFor(['finance']);
    support = await t.tokenFor(['support']);
    for (const [i, period] of MONTHS.entries()) {
      const run = await startRun(t, starter, period);
      runs[period] = run.id;
      await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(finance)).set(newKey()).expect(200);
      if (i === 2) continue;
      const { rows } = await t.db.pool.query(`SELECT id FROM statements WHERE run_id = $1 AND payout_state = 'pending'`, [run.id]);
      const payouts = rows.map((r) => ({ statementId: r.id, state: i === 0 ? 'failed' : 'transferred' }));
      await t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(finance)).set(newKey()).send({ payouts }).expect(200);
    }
  });
  afterAll(() => t.close());

  const entries = async (authorId: string, token = support): Promise<Entry[]> => {
    const res = await t.http
      .get('/api/author-ledger-entries')
      .query({ filter: JSON.stringify({ authorId }), sort: JSON.stringify(['id', 'ASC']), range: JSON.stringify([0, 999]) })
      .set(auth(token))
      .expect(200);
    expect(res.headers['content-range']).toBe(`author-ledger-entries 0-${res.body.length - 1}/${res.body.length}`);
    return res.body;
  };

  it("an author's running balance after each run's approval is the carried amount of that run's statement; the last is the statements' balance", async () => {
    const { rows: statements } = await t.db.pool.query(
      `SELECT m.id AS author, s.run_id, s.period, s.carried_micros::text AS carried FROM statements s JOIN members m ON m.key = s.author_key ORDER BY m.id, s.period`,
    );
    expect(statements.length).toBeGreaterThanOrEqual(6);
    // the last entry (of all authors) of each run's approval: what was written up to it
    const { rows: approvals } = await t.db.pool.query(
      `SELECT run_id, max(id)::text AS last FROM ledger_entries WHERE kind <> 'payout_transition' GROUP BY run_id`,
    );
    const lastOf = Object.fromEntries(approvals.map((a) => [a.run_id, BigInt(a.last)]));
    for (const s of statements) {
      const upTo = (await entries(s.author)).filter((e) => BigInt(e.id) <= lastOf[s.run_id]);
      const balance = String(upTo.at(-1)?.balanceMicros ?? 0);
      expect({ author: s.author, period: s.period, balance }).toEqual({ author: s.author, period: s.period, balance: s.carried });
    }
    for (const author of new Set(statements.map((s) => s.author as string))) {
      const lines = await entries(author);
      let balance = 0;
      for (const e of lines) {
        expect(e.debitMicros - e.creditMicros).toBe(e.amountMicros);
        expect(Math.min(e.debitMicros, e.creditMicros)).toBe(0);
        balance -= e.amountMicros;
        expect(e.balanceMicros).toBe(balance);
      }
      const { body: summary } = await t.http.get(`/api/author-ledgers/${author}`).set(auth(finance)).expect(200);
      expect(summary).toMatchObject({
        authorId: author,
        balanceMicros: balance,
        statementsMicros: balance,
        matchesStatements: true,
        entryCount: lines.length,
      });
    }
  });

  it('names each entry by its cause, run, period and payout: the failed payout is back in the balance, then paid by the next run', async () => {
    const lines = await entries('a-twelve');
    const summary = lines.map((e) => [e.period, e.kind, e.cause, e.amountMicros, e.payoutState]);
    expect(summary).toEqual([
      [MONTHS[0], 'allocation', `Story earnings of ${MONTHS[0]}`, -12_000_000, null],
      [MONTHS[0], 'payout', `Payout of ${MONTHS[0]} sent for transfer`, 12_000_000, 'failed'],
      [MONTHS[0], 'payout_transition', `Payout of ${MONTHS[0]} failed: back in the balance`, -12_000_000, 'failed'],
      [MONTHS[1], 'payout', `Payout of ${MONTHS[1]} sent for transfer`, 12_000_000, 'transferred'],
    ]);
    expect(lines[1].statementId).toBe(lines[2].statementId);
    expect(lines.at(-1)!.balanceMicros).toBe(0);
    const octOnly = await t.http
      .get('/api/author-ledger-entries')
      .query({ filter: JSON.stringify({ authorId: 'a-twelve', period: MONTHS[1] }) })
      .set(auth(support))
      .expect(200);
    expect(octOnly.body.map((e: Entry) => e.kind)).toEqual(['payout']);
  });

  it('each period balances (debits = credits, balances sum to zero) and opens where the one before closed', async () => {
    const { body: periods } = await t.http.get('/api/trial-balances').set(auth(finance)).expect(200);
    expect(periods.map((p: { period: string }) => p.period)).toEqual([...MONTHS].reverse());
    for (const p of periods) expect(p.debitsMicros).toBe(p.creditsMicros);
    let before: Record<string, number> = {};
    for (const period of MONTHS) {
      const { body } = await t.http.get(`/api/trial-balances/${period}`).set(auth(finance)).expect(200);
      expect(body.balanced).toBe(true);
      expect(body.totals).toMatchObject({ openingMicros: 0, closingMicros: 0 });
      expect(body.totals.debitsMicros).toBe(body.totals.creditsMicros);
      expect(body.totals.closingDebitMicros).toBe(body.totals.closingCreditMicros);
      expect(body.totals.debitsMicros).toBe(periods.find((p: { period: string }) => p.period === period).debitsMicros);
      for (const a of body.accounts as Account[]) {
        expect(a.openingMicros).toBe(before[a.account] ?? 0);
        expect(a.closingMicros).toBe(a.openingMicros + a.debitsMicros - a.creditsMicros);
      }
      before = Object.fromEntries((body.accounts as Account[]).map((a) => [a.account, a.closingMicros]));
    }
    // the authors' line closes at what the program owes them: the authors' ledger balances
    const { rows } = await t.db.pool.query(`SELECT sum(amount_micros)::text AS s FROM ledger_entries WHERE account LIKE 'author:%'`);
    expect(String(before.authors)).toBe(rows[0].s);
    expect(before['in_transit']).toBe(-25_000_000); // the third month's payouts ($14 and $11), approved and not yet sent
  });

  it('refuses what it must: no authorId, an unknown author, a bad or empty period, support on the trial balance', async () => {
    const res = await t.http.get('/api/author-ledger-entries').set(auth(support)).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'filter.authorId' })]);
    await t.http
      .get('/api/author-ledger-entries')
      .query({ filter: JSON.stringify({ authorId: 'a-twelve', kind: 'nope' }) })
      .set(auth(support))
      .expect(400);
    await t.http
      .get('/api/author-ledger-entries')
      .query({ filter: JSON.stringify({ authorId: 'nobody' }) })
      .set(auth(support))
      .expect(404);
    await t.http.get('/api/author-ledgers/nobody').set(auth(support)).expect(404);
    const bad = await t.http.get('/api/trial-balances/2026-13').set(auth(finance)).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'period' })]);
    await t.http.get('/api/trial-balances/2020-01').set(auth(finance)).expect(404);
    await t.http.get('/api/trial-balances').set(auth(support)).expect(403);
    const reviewer = await t.tokenFor(['reviewer']);
    await t.http.get('/api/author-ledgers/a-twelve').set(auth(reviewer)).expect(403);
  });
});
