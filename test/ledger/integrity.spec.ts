import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PoolClient } from 'pg';
import { MONTHS, thresholdBundle } from '../payouts/fixtures.js';
import { startRun } from '../payouts/helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

interface Check {
  check: string;
  ok: boolean;
  offending: Record<string, unknown>[];
}

/**
 * Tampering with one stored entry or statement directly in the database makes an
 * integrity check fail and name it. The journal refuses changes to everyone; the test
 * changes it as a superuser would, with triggers off (session_replication_role = replica),
 * inside a transaction it rolls back afterwards.
 */
describe('ledger integrity checks', () => {
  let t: TestApp;
  let finance: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    const starter = await t.tokenFor(['finance']);
    finance = await t.tokenFor(['finance']);
    for (const period of MONTHS.slice(0, 2)) {
      const run = await startRun(t, starter, period);
      await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(finance)).set(newKey()).expect(200);
      await t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(finance)).set(newKey()).send({}).expect(200);
    }
  });
  afterAll(() => t.close());

  const integrity = async () => {
    const { body } = await t.http.get('/api/ledger/integrity').set(auth(finance)).expect(200);
    return body as { ok: boolean; checks: Check[] };
  };
  const failed = (r: { checks: Check[] }) => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.check, c.offending]));

  /** Runs `tamper` with triggers off, then the checks, then rolls the tampering back (the checks read through the api: committed). */
  async function tampered(tamper: (c: PoolClient) => Promise<void>, undo: (c: PoolClient) => Promise<void>) {
    const c = await t.db.pool.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await tamper(c);
      return await integrity();
    } finally {
      await undo(c);
      await c.query(`RESET session_replication_role`);
      c.release();
    }
  }

  it('passes on the journal the runs wrote, and refuses staff without the finance role', async () => {
    expect(failed(await integrity())).toEqual({});
    const support = await t.tokenFor(['support']);
    await t.http.get('/api/ledger/integrity').set(auth(support)).expect(403);
  });

  it('names the changed entry: its group no longer balances and the rebuild does not imply it', async () => {
    const {
      rows: [entry],
    } = await t.db.pool.query(
      `SELECT id::text, amount_micros::text AS amount FROM ledger_entries WHERE kind = 'allocation' AND author_key IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const result = await tampered(
      (c) => c.query(`UPDATE ledger_entries SET amount_micros = amount_micros - 1 WHERE id = $1`, [entry.id]).then(() => undefined),
      (c) => c.query(`UPDATE ledger_entries SET amount_micros = $2 WHERE id = $1`, [entry.id, entry.amount]).then(() => undefined),
    );
    const f = failed(result);
    expect(result.ok).toBe(false);
    expect(f.balanced_groups).toEqual([expect.objectContaining({ offMicros: '-1', entryIds: expect.arrayContaining([entry.id]) })]);
    expect(f.rebuild).toEqual(expect.arrayContaining([expect.objectContaining({ id: entry.id, problem: 'stored entry nothing implies' })]));
    expect(f.author_balances).toHaveLength(1);
    expect(failed(await integrity())).toEqual({});
  });

  it("names the changed statement's author when a carried amount no longer matches the ledger", async () => {
    const {
      rows: [st],
    } = await t.db.pool.query(
      `SELECT s.id::text, s.author_key FROM statements s JOIN payout_runs r ON r.id = s.run_id WHERE r.period = $1 AND s.status = 'below_threshold' ORDER BY s.id LIMIT 1`,
      [MONTHS[1]],
    );
    const shift = (by: number) => (c: PoolClient) =>
      c
        .query(
          `UPDATE statements SET opening_micros = opening_micros + $2, balance_micros = balance_micros + $2, carried_micros = carried_micros + $2 WHERE id = $1`,
          [st.id, by],
        )
        .then(() => undefined);
    const result = await tampered(shift(1), shift(-1));
    expect(failed(result)).toEqual({
      author_balances: [expect.objectContaining({ authorKey: st.author_key, statementId: st.id })],
    });
  });
});
