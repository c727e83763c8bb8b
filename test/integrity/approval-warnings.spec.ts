import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignalsService, StakesService } from '../../libs/integrity/src/index.js';
import { startRun } from '../payouts/helpers.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { addCharges, loadPlantedMonth, PERIOD } from './month.js';

/**
 * The integrity module provides payouts' APPROVAL_WARNINGS: a computed run of a period with
 * open cases at stake shows the warning (with their real amounts), approval shows it and
 * goes ahead (never blocks), and after approval the period's cases can no longer be decided.
 */
describe('integrity approval warnings', () => {
  let t: TestApp;
  let finance: string;
  let approver: string;
  let reviewer: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadPlantedMonth(t.db.pool, { seed: 7, sessions: 40000, rings: 2, farms: 2, concentrations: 2 });
    await addCharges(t.db.pool);
    await t.app.get(SignalsService).detect(PERIOD);
    await t.app.get(StakesService).compute(PERIOD);
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
    reviewer = await t.tokenFor(['integrity']);
  });
  afterAll(() => t.close());

  it('warns on approval while cases are open, never blocks; decisions are final after', async () => {
    const open = (await t.db.pool.query(`SELECT id FROM integrity_cases WHERE period = $1 AND status = 'open' ORDER BY id`, [PERIOD])).rows;
    expect(open.length).toBe(6);
    // one dismissed case no longer warns
    const dismissed = open[0].id;
    await t.http
      .post(`/api/integrity-cases/${dismissed}/decide`)
      .set(auth(reviewer))
      .set(newKey())
      .send({ decision: 'dismiss', reason: 'fine' })
      .expect(200);
    // decisions queue the period's money at stake again: the same figures (nothing else changed)
    const [atStake] = (
      await t.db.pool.query(
        `SELECT count(*)::int AS cases, sum(money_at_stake_micros)::text AS micros FROM integrity_cases
         WHERE period = $1 AND status = 'open' AND money_at_stake_micros >= 1000 * 10000`, // the default threshold, $10
        [PERIOD],
      )
    ).rows;
    expect(atStake.cases).toBeGreaterThan(0);
    const run = await startRun(t, finance, PERIOD);
    const shown = (await t.http.get(`/api/payout-runs/${run.id}`).set(auth(finance)).expect(200)).body;
    expect(shown.approvalWarnings).toEqual([
      expect.objectContaining({
        code: 'integrity_open_cases',
        amountMicros: Number(atStake.micros),
        details: expect.objectContaining({ cases: atStake.cases, notComputed: 0 }),
      }),
    ]);
    const approved = await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(approver)).set(newKey()).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      approvalWarnings: [expect.objectContaining({ code: 'integrity_open_cases' })],
    });
    const refused = await t.http
      .post(`/api/integrity-cases/${open[1].id}/decide`)
      .set(auth(reviewer))
      .set(newKey())
      .send({ decision: 'exclude' })
      .expect(422);
    expect(refused.body.details).toMatchObject({ rule: 'integrity_run_final' });
    await t.http.post(`/api/integrity-cases/${dismissed}/revert`).set(auth(reviewer)).set(newKey()).send({ reason: 'again' }).expect(422);
  });
});
