import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { ApprovalWarningsReader } from '../../libs/payouts/src/approval-warnings.js';
import type { ApprovalWarnings } from '../../libs/payouts/src/index.js';
import { thresholdBundle } from './fixtures.js';
import { startRun } from './helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

/** The approval warnings port (issue 18): shown on the run and by approval, recorded in its audit entry, never blocking. */
describe('approval warnings', () => {
  let t: TestApp;
  let starter: string;
  let approver: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** What the integrity module does in the app: provide APPROVAL_WARNINGS (here, set on the reader the app built). */
  const provide = (provider: ApprovalWarnings | undefined) => Object.assign(t.app.get(ApprovalWarningsReader), { provider });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  const show = async (id: string) => (await t.http.get(`/api/payout-runs/${id}`).set(auth(starter)).expect(200)).body;
  const approve = (id: string) => t.http.post(`/api/payout-runs/${id}/approve`).set(auth(approver)).set(newKey()).expect(200);

  it('none when nobody provides the port', async () => {
    provide(undefined);
    const run = await startRun(t, starter, '2026-01');
    expect((await show(run.id)).approvalWarnings).toEqual([]);
    expect((await approve(run.id)).body).toMatchObject({ status: 'approved', approvalWarnings: [] });
  });

  it("a provider's warnings are shown on the computed run and by approval, read in the approval's transaction, audited", async () => {
    const seen: boolean[] = [];
    provide({
      async forRun(db: DataSource | EntityManager, run) {
        // inside the approval the run row is locked by this transaction: reading it works, and sees the computed run
        const [{ payable }] = await db.query(`SELECT count(*)::int AS payable FROM statements WHERE run_id = $1 AND status = 'payable'`, [
          run.id,
        ]);
        seen.push('queryRunner' in db);
        return [
          {
            code: 'integrity_open_cases',
            message: `2 open integrity cases in ${run.period} (${payable} payable authors)`,
            amountMicros: 12_000_000n,
            details: { cases: 2 },
          },
        ];
      },
    });
    const run = await startRun(t, starter, '2026-02');
    const { rows: counted } = await t.db.pool.query(`SELECT count(*)::int AS n FROM statements WHERE run_id = $1 AND status = 'payable'`, [
      run.id,
    ]);
    const warning = {
      code: 'integrity_open_cases',
      message: `2 open integrity cases in 2026-02 (${counted[0].n} payable authors)`,
      amountMicros: 12_000_000,
      details: { cases: 2 },
    };
    expect((await show(run.id)).approvalWarnings).toEqual([warning]);
    const approved = await approve(run.id);
    expect(approved.body).toMatchObject({ status: 'approved', approvalWarnings: [warning] });
    // the shows (the last poll of startRun and ours) read the data source; the approval its transaction
    expect({ shows: seen.slice(0, -1).every((tx) => !tx), approval: seen.at(-1) }).toEqual({ shows: true, approval: true });
    expect((await show(run.id)).approvalWarnings).toEqual([]); // approved: nothing left to warn about
    const { rows } = await t.db.pool.query(`SELECT after FROM audit_log WHERE action = 'payout-run.approve' AND entity_id = $1`, [run.id]);
    expect(rows[0].after.warnings).toEqual([warning]);
  });

  it('a failing provider does not block approval (even when its SQL fails inside the transaction)', async () => {
    provide({
      async forRun(db) {
        await db.query(`SELECT * FROM no_such_table`);
        return [];
      },
    });
    const run = await startRun(t, starter, '2026-03');
    const approved = await approve(run.id);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.approvalWarnings).toEqual([
      { code: 'warnings_unavailable', message: expect.stringContaining('no_such_table'), amountMicros: null },
    ]);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE run_id = $1`, [run.id]);
    expect(rows[0].n).toBeGreaterThan(0); // the approval's journal committed with it
    provide(undefined);
  });
});
