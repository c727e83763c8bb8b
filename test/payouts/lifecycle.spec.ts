import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MONTHS, thresholdBundle } from './fixtures.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { startRun, statements } from './helpers.js';

describe('payout run lifecycle and statements', () => {
  let t: TestApp;
  let starter: string;
  let approver: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  it('holds the published threshold cases across three consecutive approved runs', async () => {
    const seen: Record<string, Record<string, unknown>[]> = {};
    for (const period of MONTHS) {
      const run = await startRun(t, starter, period);
      expect(run.status).toBe('computed');
      await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(approver)).set(newKey()).expect(200);
      const byAuthor = await statements(t, starter, run.id);
      for (const [author, s] of Object.entries(byAuthor)) {
        (seen[author] ??= []).push({
          period,
          status: s.status,
          payoutCents: s.payoutCents,
          carriedMicros: s.carriedMicros,
          openingMicros: s.openingMicros,
        });
      }
      await t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(approver)).set(newKey()).send({}).expect(200);
    }
    // $12 in January is paid at once.
    expect(seen['a-twelve']).toEqual([{ period: '2026-01', status: 'payable', payoutCents: 1200, carriedMicros: 0, openingMicros: 0 }]);
    // $5 + $3 + $3: carried twice, paid after March.
    expect(seen['a-fivethreethree']).toEqual([
      { period: '2026-01', status: 'below_threshold', payoutCents: 0, carriedMicros: 5_000_000, openingMicros: 0 },
      { period: '2026-02', status: 'below_threshold', payoutCents: 0, carriedMicros: 8_000_000, openingMicros: 5_000_000 },
      { period: '2026-03', status: 'payable', payoutCents: 1100, carriedMicros: 0, openingMicros: 8_000_000 },
    ]);
    // $5 + $0 + $9: the empty month still carries the balance.
    expect(seen['a-fivezeronine']).toEqual([
      { period: '2026-01', status: 'below_threshold', payoutCents: 0, carriedMicros: 5_000_000, openingMicros: 0 },
      { period: '2026-02', status: 'below_threshold', payoutCents: 0, carriedMicros: 5_000_000, openingMicros: 5_000_000 },
      { period: '2026-03', status: 'payable', payoutCents: 1400, carriedMicros: 0, openingMicros: 5_000_000 },
    ]);
  });

  it('refuses approval by the person who started the run (422) and recomputing an approved run (409)', async () => {
    const { body: runs } = await t.http
      .get('/api/payout-runs')
      .query({ filter: JSON.stringify({ period: '2026-01' }) })
      .set(auth(starter))
      .expect(200);
    await t.http.post('/api/payout-runs').set(auth(starter)).set(newKey()).send({ period: '2026-01' }).expect(409);
    expect(runs[0].status).toBe('paid');

    await t.db.pool.query(`INSERT INTO charges (id, member_key, plan, covers_from, charged_at, gross_cents, fee_cents, net_cents, status)
      SELECT 'ch-apr', key, 'monthly', '2026-04-01', '2026-04-01T00:00:00Z', 1000, 0, 1000, 'paid' FROM members WHERE id = 'r-twelve'`);
    const april = await startRun(t, starter, '2026-04');
    const own = await t.http.post(`/api/payout-runs/${april.id}/approve`).set(auth(starter)).set(newKey()).expect(422);
    expect(own.body).toMatchObject({ code: 'rule_violation', details: { rule: 'four_eyes' } });
    // Recomputing a draft replaces it: same run, next attempt, no second run for the period.
    const again = await startRun(t, approver, '2026-04');
    expect(again.id).toBe(april.id);
    const { rows } = await t.db.pool.query(
      `SELECT attempt, (SELECT count(*)::int FROM payout_runs WHERE period = '2026-04') AS n FROM payout_runs WHERE id = $1`,
      [april.id],
    );
    expect(rows[0]).toEqual({ attempt: 2, n: 1 });
    await t.http.post(`/api/payout-runs/${april.id}/approve`).set(auth(starter)).set(newKey()).expect(200);
    await t.http.post('/api/payout-runs').set(auth(approver)).set(newKey()).send({ period: '2026-04' }).expect(409);
    await t.http.post(`/api/payout-runs/${april.id}/approve`).set(auth(approver)).set(newKey()).expect(409);
  });

  it('exports the payout file of an approved run and returns failed payouts to the balance', async () => {
    const {
      body: [march],
    } = await t.http
      .get('/api/payout-runs')
      .query({ filter: JSON.stringify({ period: '2026-03' }) })
      .set(auth(starter))
      .expect(200);
    expect(march).toMatchObject({ paidOutCents: 2500, paidAuthors: 2 });
    const file = await t.http.get(`/api/payout-runs/${march.id}/payout-file`).set(auth(starter)).expect(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    const lines = file.text.trim().split('\n');
    expect(lines[0]).toBe('author,payout_account,amount_cents,currency,statement_id');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(0, 4).join(','))
        .sort(),
    ).toEqual(['a-fivethreethree,acct_fivethreethree,1100,USD', 'a-fivezeronine,acct_fivezeronine,1400,USD']);
    // The transfer to a-fivezeronine bounced: its $14 returns in the next period's opening.
    const st = await statements(t, starter, march.id);
    await t.http
      .post(`/api/payout-runs/${march.id}/mark-paid`)
      .set(auth(approver))
      .set(newKey())
      .send({ payouts: [{ statementId: st['a-fivezeronine']!.id, state: 'failed' }] })
      .expect(200);
    const may = await startRun(t, starter, '2026-05');
    const next = await statements(t, starter, may.id);
    // April's run (approved before the bounce) carried nothing for them; May takes the $14 back, once.
    expect(next['a-fivezeronine']).toMatchObject({
      openingMicros: 14_000_000,
      returnedStatementIds: [st['a-fivezeronine']!.id],
      status: 'payable',
      payoutCents: 1400,
    });
    await t.http.post(`/api/payout-runs/${may.id}/approve`).set(auth(approver)).set(newKey()).expect(200);
    const { rows } = await t.db.pool.query(`SELECT returned_by_run_id FROM statements WHERE id = $1`, [st['a-fivezeronine']!.id]);
    expect(rows[0].returned_by_run_id).toBe(may.id);
    const june = await statements(t, starter, (await startRun(t, starter, '2026-06')).id);
    expect(june['a-fivezeronine']).toBeUndefined();
  });

  it('refuses an unclosed period and a malformed one', async () => {
    const now = new Date().toISOString().slice(0, 7);
    const res = await t.http.post('/api/payout-runs').set(auth(starter)).set(newKey()).send({ period: now }).expect(422);
    expect(res.body.details.rule).toBe('period_not_closed');
    const bad = await t.http.post('/api/payout-runs').set(auth(starter)).set(newKey()).send({ period: '2026-13' }).expect(400);
    expect(bad.body.details[0].field).toBe('period');
  });
});
