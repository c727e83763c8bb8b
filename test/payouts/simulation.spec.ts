import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { computeEarnings } from '../oracle/earnings-oracle.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { EXAMPLES, startRun } from './helpers.js';
import { differencesFromRun, moneySnapshot, waitForSimulation } from './simulation-helpers.js';

const PERIOD = '2026-10';
const CHANGED = { boostBps: 30000, writerShareBps: 6000, followerBps: 15000, qualifiedReadSeconds: 45 };

/** Acceptance 1: a simulation is the real engine into its own tables, and the money it never touches stays as it was. */
describe('simulations: the engine for a closed period into its own tables', () => {
  let t: TestApp;
  let finance: string;
  let runId: string;
  const bundle = readBundle(`${EXAMPLES}october-small`);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, bundle);
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    const approver = await t.tokenFor(['finance']);
    const run = await startRun(t, finance, PERIOD);
    runId = run.id;
    await t.http.post(`/api/payout-runs/${runId}/approve`).set(auth(approver)).set(newKey()).expect(200);
    await t.http.post(`/api/payout-runs/${runId}/mark-paid`).set(auth(approver)).set(newKey()).send({}).expect(200);
  });
  afterAll(() => t.close());

  async function simulate(body: Record<string, unknown>) {
    const res = await t.http.post('/api/simulations').set(auth(finance)).send(body).expect(202);
    expect(res.body).toMatchObject({ id: expect.any(String), period: PERIOD, runId });
    const done = await waitForSimulation(t, finance, res.body.id);
    expect({ status: done.status, error: done.error, progress: done.progress }).toEqual({ status: 'done', error: null, progress: 100 });
    return done;
  }

  it("with the run's own parameters equals the run to the micro-dollar, and touches no money", async () => {
    const before = await moneySnapshot(t.db.pool);
    const sim = await simulate({ period: PERIOD, label: 'same parameters' });
    expect(sim.changes).toEqual({});
    expect(await differencesFromRun(t.db.pool, sim.id, runId)).toEqual([]);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM simulation_story_earnings WHERE simulation_id = $1`, [sim.id]);
    expect(rows[0].n).toBeGreaterThan(0);
    const { body: cmp } = await t.http.get(`/api/simulations/${sim.id}/comparison`).set(auth(finance)).expect(200);
    expect(cmp.totals).toMatchObject({ deltaEarningsMicros: 0, gainers: 0, losers: 0, crossedUp: 0, crossedDown: 0 });
    expect(await moneySnapshot(t.db.pool)).toEqual(before);
    // its work tables are gone
    const work = await t.db.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'payout_work'`);
    expect(work.rows[0].n).toBe(0);
  });

  it('with changed parameters equals the oracle with those parameters, and touches no money', async () => {
    const before = await moneySnapshot(t.db.pool);
    const sim = await simulate({ period: PERIOD, parameters: CHANGED });
    expect(sim.changes).toEqual({
      boostBps: { from: 20000, to: 30000 },
      writerShareBps: { from: 5000, to: 6000 },
      followerBps: { from: 12500, to: 15000 },
      qualifiedReadSeconds: { from: 30, to: 45 },
    });
    const expected = computeEarnings(bundle, PERIOD, CHANGED);
    expect({ pool: BigInt(sim.poolMicros as number), allocated: BigInt(sim.allocatedMicros as number) }).toEqual({
      pool: expected.totals.pool,
      allocated: expected.totals.allocated,
    });
    const { rows: stories } = await t.db.pool.query(
      `SELECT st.id, se.earnings_micros::text AS e, se.reading_time_micros::text AS rt, se.engagement_micros::text AS en,
              se.read_ratio_adjustment_micros::text AS rra, se.follower_bonus_micros::text AS fb, se.boost_bonus_micros::text AS bb
       FROM simulation_story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.simulation_id = $1`,
      [sim.id],
    );
    for (const s of stories) {
      const o = expected.stories[s.id]!;
      expect({
        id: s.id,
        e: BigInt(s.e),
        rt: BigInt(s.rt),
        en: BigInt(s.en),
        rra: BigInt(s.rra),
        fb: BigInt(s.fb),
        bb: BigInt(s.bb),
      }).toEqual({
        id: s.id,
        e: o.earnings,
        rt: o.readingTime,
        en: o.engagement,
        rra: o.readRatioAdjustment,
        fb: o.followerBonus,
        bb: o.boostBonus,
      });
    }
    for (const [id, o] of Object.entries(expected.stories)) if (o.earnings > 0n) expect(stories.some((s) => s.id === id)).toBe(true);
    const { rows: authors } = await t.db.pool.query(
      `SELECT au.id, sm.story_earnings_micros::text AS se, sm.referral_earnings_micros::text AS re
       FROM simulation_statements sm JOIN members au ON au.key = sm.author_key WHERE sm.simulation_id = $1`,
      [sim.id],
    );
    for (const a of authors) {
      const o = expected.authors[a.id] ?? { storyEarnings: 0n, referralEarnings: 0n };
      expect({ id: a.id, se: BigInt(a.se), re: BigInt(a.re) }).toEqual({ id: a.id, se: o.storyEarnings, re: o.referralEarnings });
    }
    for (const [id, o] of Object.entries(expected.authors)) if (o.storyEarnings > 0n) expect(authors.some((a) => a.id === id)).toBe(true);
    expect(await moneySnapshot(t.db.pool)).toEqual(before);
  });

  it('refuses bad parameters naming the field, a period without an approved run, and roles other than admin and finance', async () => {
    const bad = await t.http
      .post('/api/simulations')
      .set(auth(finance))
      .send({ period: PERIOD, parameters: { boostBps: 0 } })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('parameters.boostBps');
    const order = await t.http
      .post('/api/simulations')
      .set(auth(finance))
      .send({ period: PERIOD, parameters: { readRatioMinBps: 20000, readRatioMaxBps: 10000 } })
      .expect(400);
    expect(order.body.details[0].field).toBe('parameters.readRatioMinBps');
    const unknown = await t.http
      .post('/api/simulations')
      .set(auth(finance))
      .send({ period: PERIOD, parameters: { nope: 1 } })
      .expect(400);
    expect(JSON.stringify(unknown.body.details)).toContain('nope');
    const noRun = await t.http.post('/api/simulations').set(auth(finance)).send({ period: '2026-09' }).expect(422);
    expect(noRun.body.details.rule).toBe('no_final_run');
    const support = await t.tokenFor(['support']);
    await t.http.post('/api/simulations').set(auth(support)).send({ period: PERIOD }).expect(403);
    await t.http.get('/api/simulations').set(auth(support)).expect(403);
  });

  it('is audited as a staff action when created and deleted; deleting removes its results', async () => {
    const admin = await t.adminToken();
    const { body } = await t.http.post('/api/simulations').set(auth(admin)).send({ period: PERIOD }).expect(202);
    await waitForSimulation(t, admin, body.id);
    await t.http.delete(`/api/simulations/${body.id}`).set(auth(admin)).expect(200);
    await t.http.get(`/api/simulations/${body.id}`).set(auth(admin)).expect(404);
    const { rows } = await t.db.pool.query(`SELECT action FROM audit_log WHERE entity_type = 'simulation' AND entity_id = $1 ORDER BY id`, [
      body.id,
    ]);
    expect(rows.map((r) => r.action)).toEqual(['simulation.create', 'simulation.delete']);
    const left = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM simulation_story_earnings WHERE simulation_id = $1)::int + (SELECT count(*) FROM simulation_statements WHERE simulation_id = $1)::int AS n`,
      [body.id],
    );
    expect(left.rows[0].n).toBe(0);
  });
});
