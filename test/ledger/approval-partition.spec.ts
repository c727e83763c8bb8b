import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MONTHS, thresholdBundle } from '../payouts/fixtures.js';
import { startRun } from '../payouts/helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

/**
 * A run's approval lines are written when the run is computed, into a table of their own
 * (append-only and balance-checked like the journal), and join the journal as the run's
 * partition when the run is approved (issue 17: the ledger adds little to approving a run).
 */
describe('ledger: approval lines staged at compute time, attached at approval', () => {
  let t: TestApp;
  let starter: string;
  let finance: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    starter = await t.tokenFor(['finance']);
    finance = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  const q = async (sql: string, params: unknown[] = []) => (await t.db.pool.query(sql, params)).rows;
  const staged = (runId: string, attempt: number) => `ledger_run_${runId.replace(/-/g, '')}_${attempt}`;
  const tablesOf = async (runId: string) =>
    q(`SELECT relname AS name, relispartition AS attached FROM pg_class WHERE starts_with(relname, $1) AND relkind = 'r' ORDER BY 1`, [
      staged(runId, 1).replace(/1$/, ''),
    ]);
  const journalLines = async (runId: string) => (await q(`SELECT count(*)::int AS n FROM ledger_entries WHERE run_id = $1`, [runId]))[0].n;
  const integrity = async () => {
    const { body } = await t.http.get('/api/ledger/integrity').set(auth(finance)).expect(200);
    return body.checks.filter((c: { ok: boolean }) => !c.ok);
  };
  const approve = (runId: string) => t.http.post(`/api/payout-runs/${runId}/approve`).set(auth(finance)).set(newKey()).expect(200);

  it('a computed run has its lines outside the journal; approving attaches them as they were written', async () => {
    const run = await startRun(t, starter, MONTHS[0]!);
    const table = staged(run.id, 1);
    expect(await tablesOf(run.id)).toEqual([{ name: table, attached: false }]);
    const [{ n: lines }] = await q(`SELECT count(*)::int AS n FROM ${table}`);
    expect(lines).toBeGreaterThan(4);
    expect(await journalLines(run.id)).toBe(0);
    expect(await integrity()).toEqual([]);

    await approve(run.id);
    expect(await tablesOf(run.id)).toEqual([{ name: table, attached: true }]);
    expect(await journalLines(run.id)).toBe(lines);
    expect(await integrity()).toEqual([]);
    await t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(finance)).set(newKey()).send({}).expect(200);
    expect(await integrity()).toEqual([]); // the payout lines land in the run's partition
  });

  it('the staged lines refuse changes and unbalanced lines like the journal; a recompute replaces them', async () => {
    const run = await startRun(t, starter, MONTHS[1]!);
    const table = staged(run.id, 1);
    await expect(q(`UPDATE ${table} SET amount_micros = amount_micros + 1`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    await expect(q(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    await expect(
      q(`INSERT INTO ${table} (group_id, run_id, account, amount_micros, kind) VALUES (gen_random_uuid(), $1, 'dues', 5, 'test')`, [
        run.id,
      ]),
    ).rejects.toThrow(/does not balance/);

    const again = await startRun(t, starter, MONTHS[1]!);
    expect([again.id, again.attempt]).toEqual([run.id, 2]);
    expect(await tablesOf(run.id)).toEqual([{ name: staged(run.id, 2), attached: false }]);
  });

  it('a run approved without staged lines has them written at approval: the same journal', async () => {
    const run = await startRun(t, starter, MONTHS[1]!);
    const table = staged(run.id, run.attempt as number);
    const [{ n: lines }] = await q(`SELECT count(*)::int AS n FROM ${table}`);
    await q(`DROP TABLE ${table}`);
    await approve(run.id);
    expect(await tablesOf(run.id)).toEqual([{ name: table, attached: true }]);
    expect(await journalLines(run.id)).toBe(lines);
    expect(await integrity()).toEqual([]);
  });
});
