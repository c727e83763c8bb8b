import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { IntegrityActionsService } from '../../libs/payouts/src/index.js';
import { thresholdBundle } from './fixtures.js';
import { startRun } from './helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

/** Issue 18, acceptance 6: the writer-facing explanation names "reading excluded after review" with its amount. */
describe('explanation of a month with reading excluded after review', () => {
  let t: TestApp;
  let finance: string;
  let approver: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  it('names the exclusion as a cause with what the excluded reading would have earned; the causes still add up to the change', async () => {
    // a-fivethreethree's only reader r-fivethreethree brings $3.00 in February and in March; March's reading is excluded
    const feb = await startRun(t, finance, '2026-02');
    await t.http.post(`/api/payout-runs/${feb.id}/approve`).set(auth(approver)).set(newKey()).expect(200);
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT key FROM members WHERE id = 'r-fivethreethree') AS m, (SELECT key FROM stories WHERE id = 's-fivethreethree') AS s`,
    );
    const db = t.app.get(DataSource);
    const actions = t.app.get(IntegrityActionsService);
    await db.transaction((m) =>
      actions.exclude(m, { period: '2026-03', decisionRef: 'case-ring-1', pairs: [{ memberKey: rows[0].m, storyKey: rows[0].s }] }),
    );
    const march = await startRun(t, finance, '2026-03');
    expect(march).toMatchObject({ status: 'computed', allocatedMicros: 9_000_000, unallocatedMicros: 3_000_000 });

    const { body } = await t.http.get('/api/explanations/a-fivethreethree/2026-03').set(auth(finance)).expect(200);
    expect(body.comparison).toMatchObject({ earningsMicros: 0, previousEarningsMicros: 3_000_000, changeMicros: -3_000_000 });
    expect(body.comparison.causes.filter((c: { amountMicros: number }) => c.amountMicros !== 0)).toEqual([
      {
        kind: 'reading_excluded',
        storyId: 's-fivethreethree',
        text: "reading of 'fivethreethree' by 1 member excluded after review (it did not count toward your earnings): −$3.00",
        amountMicros: -3_000_000,
      },
    ]);
    expect(body.comparison.residualMicros).toBe(0);

    // another writer's month is unchanged by it
    const other = await t.http.get('/api/explanations/a-fivezeronine/2026-03').set(auth(finance)).expect(200);
    expect(other.body.comparison.causes.map((c: { kind: string }) => c.kind)).not.toContain('reading_excluded');
  });
});
