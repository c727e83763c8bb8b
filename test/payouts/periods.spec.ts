import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { sql, TableFactory } from '../support/factory.js';

/** Issue 12 finding: nonsense periods (0000-01 queued and failed in the worker; 0001-01 computed; adjustments and tickets took 0000-01). */
describe('periods are sane calendar months at every door', () => {
  let t: TestApp;
  let finance: string;
  let support: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const count = async (table: string) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.tokenFor(['finance']);
    support = await t.tokenFor(['support']);
    await new TableFactory(t.db.pool).member({ id: 'w1', name: 'W', email: 'w1@x.test', joinedAt: sql('now()') });
  });
  afterAll(() => t.close());

  it.each(['0000-01', '0001-01', '1999-12', '2100-01'])(
    'refuses a payout run, an adjustment and a ticket for %s with 400 naming the period',
    async (period) => {
      const run = await t.http.post('/api/payout-runs').set(auth(finance)).set(newKey()).send({ period }).expect(400);
      expect(run.body.details).toEqual([{ field: 'period', message: 'period must be a month from 2000-01 to 2099-12' }]);
      const adj = await t.http
        .post('/api/adjustments')
        .set(auth(finance))
        .set(newKey())
        .send({ authorId: 'w1', period, amountMicros: 1, reason: 'bad period' })
        .expect(400);
      expect(adj.body.details.map((d: { field: string }) => d.field)).toEqual(['period']);
      const ticket = await t.http
        .post('/api/tickets')
        .set(auth(support))
        .send({ memberId: 'w1', category: 'other', subject: 's', body: 'b', period })
        .expect(400);
      expect(ticket.body.details.map((d: { field: string }) => d.field)).toEqual(['period']);
      expect([await count('payout_runs'), await count('adjustments'), await count('tickets')]).toEqual([0, 0, 0]);
    },
  );

  it('the database refuses them too, in every table that takes a period', async () => {
    const {
      rows: [{ key }],
    } = await t.db.pool.query(`SELECT key FROM members WHERE id = 'w1'`);
    const staff = (await t.db.pool.query(`SELECT id FROM staff_users LIMIT 1`)).rows[0].id;
    await expect(
      t.db.pool.query(
        `INSERT INTO adjustments (author_key, period, amount_micros, reason, created_by) VALUES ($1, '0001-01', 1, 'x', $2)`,
        [key, staff],
      ),
    ).rejects.toThrow(/adjustments_period_check/);
    await expect(
      t.db.pool.query(
        `INSERT INTO payout_runs (period, status, params, params_version, queued_at) VALUES ('0000-01', 'queued', '{}', 0, now())`,
      ),
    ).rejects.toThrow(/payout_runs_period_check/);
    await expect(
      t.db.pool.query(
        `INSERT INTO tickets (id, member_key, category, subject, body, period, created_at) VALUES ('t1', $1, 'other', 's', 'b', '2100-01', now())`,
        [key],
      ),
    ).rejects.toThrow(/tickets_period_check/);
    await expect(
      t.db.pool.query(
        `INSERT INTO referral_credits (referral_id, charge_id, period, referrer_key, amount_micros, kind) VALUES ('r', 'c', '1999-12', $1, 1, 'credit')`,
        [key],
      ),
    ).rejects.toThrow(/referral_credits_period_check/);
  });

  it('filters and explanations refuse them as well', async () => {
    const res = await t.http.get('/api/explanations/w1/0000-01').set(auth(support)).expect(400);
    expect(res.body.details).toEqual([{ field: 'period', message: 'must be a month from 2000-01 to 2099-12' }]);
    await t.http.get('/api/referral-credit-totals/0001-01').set(auth(support)).expect(404);
    const list = await t.http
      .get('/api/payout-runs')
      .query({ filter: JSON.stringify({ period: '0000-01' }) })
      .set(auth(finance))
      .expect(400);
    expect(list.body.details).toEqual([{ field: 'filter.period', message: 'must be a month from 2000-01 to 2099-12' }]);
    await t.http
      .get('/api/tickets')
      .query({ filter: JSON.stringify({ period: '2026-13' }) })
      .set(auth(support))
      .expect(400);
  });
});
