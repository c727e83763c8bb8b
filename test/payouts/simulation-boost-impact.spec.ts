import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundle as readBundle, type Bundle } from '../oracle/bundle.js';
import { computeEarnings } from '../oracle/earnings-oracle.js';
import { boostImpactEstimate } from '../../libs/boost-curation/src/boost-impact-estimate.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { EXAMPLES, startRun } from './helpers.js';

const PERIOD = '2026-10';
const without = (b: Bundle, boostId: string): Bundle => ({ ...b, boosts: b.boosts.filter((x) => x.id !== boostId) });

/** Acceptance 4: what an ended boost moved is the run minus a simulation without it; a nomination shows an estimate. */
describe('boost impact from simulations', () => {
  let t: TestApp;
  let curator: string;
  let runId: string;
  const bundle = readBundle(`${EXAMPLES}october-small`);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, bundle);
    await t.startWorker();
    const finance = await t.tokenFor(['finance']);
    const approver = await t.tokenFor(['finance']);
    curator = await t.tokenFor(['curator']);
    runId = (await startRun(t, finance, PERIOD)).id;
    await t.http.post(`/api/payout-runs/${runId}/approve`).set(auth(approver)).set(newKey()).expect(200);
  });
  afterAll(() => t.close());

  it('realised effect of an ended boost = run − simulation without it = the oracle with and without it', async () => {
    const boost = bundle.boosts.find((b) => b.id === 'bo-3')!; // 2026-10-03 → 10-17, story s9
    const { body } = await t.http.get(`/api/boosts/${boost.id}/impact`).set(auth(curator)).expect(200);
    const withBoost = computeEarnings(bundle, PERIOD).stories[boost.storyId]!.earnings;
    const withoutBoost = computeEarnings(without(bundle, boost.id), PERIOD).stories[boost.storyId]!.earnings;
    expect(withBoost - withoutBoost).toBeGreaterThan(0n);
    expect(body).toMatchObject({ boostId: 'bo-3', storyId: 's9', state: 'ended', complete: true });
    expect(body.periods).toHaveLength(1);
    const [p] = body.periods;
    expect({ period: p.period, runId: p.runId, run: BigInt(p.runMicros), sim: BigInt(p.withoutBoostMicros) }).toEqual({
      period: PERIOD,
      runId,
      run: withBoost,
      sim: withoutBoost,
    });
    expect(BigInt(body.realisedMicros)).toBe(withBoost - withoutBoost);
    // the run's side is the run's own row; the simulation's the simulation table's
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT se.earnings_micros FROM story_earnings se JOIN stories s ON s.key = se.story_key WHERE se.run_id = $1 AND s.id = $3)::text AS run,
              (SELECT se.earnings_micros FROM simulation_story_earnings se JOIN stories s ON s.key = se.story_key WHERE se.simulation_id = $2 AND s.id = $3)::text AS sim`,
      [runId, p.simulationId, boost.storyId],
    );
    expect(BigInt(rows[0].run) - BigInt(rows[0].sim)).toBe(BigInt(body.realisedMicros));
    // stored for calibration: the total, measured completely
    const stored = await t.db.pool.query(`SELECT realised_micros::text AS r, complete FROM boost_impacts WHERE boost_id = 'bo-3'`);
    expect(stored.rows).toEqual([{ r: String(body.realisedMicros), complete: true }]);
    // asked again: the same simulation, not another one
    const again = await t.http.get(`/api/boosts/${boost.id}/impact`).set(auth(curator)).expect(200);
    expect(again.body.periods[0].simulationId).toBe(p.simulationId);
  });

  it('a boost whose window reaches a month without an approved run is realised only in part', async () => {
    const { body } = await t.http.get('/api/boosts/bo-1/impact').set(auth(curator)).expect(200); // 2026-10-28 → 11-11
    expect(body.complete).toBe(false);
    expect(body.periods.map((p: { period: string; runId: string | null }) => [p.period, p.runId !== null])).toEqual([
      ['2026-10', true],
      ['2026-11', false],
    ]);
    const stored = await t.db.pool.query(`SELECT complete FROM boost_impacts WHERE boost_id = 'bo-1'`);
    expect(stored.rows).toEqual([{ complete: false }]);
    const expected =
      computeEarnings(bundle, PERIOD).stories.s59!.earnings - computeEarnings(without(bundle, 'bo-1'), PERIOD).stories.s59!.earnings;
    expect(BigInt(body.realisedMicros)).toBe(expected);
  });

  it("estimates a pending nomination from the story's latest approved earnings × the boost multiplier, labelled an estimate", async () => {
    await t.db.pool.query(
      `INSERT INTO nominations (id, story_key, nominator_key, publication_key, nominated_at, status)
       SELECT 'nom-estimate', s.key, m.key, p.key, now(), 'pending' FROM stories s, members m, publications p
       WHERE s.id = 's9' AND m.id = (SELECT id FROM members ORDER BY id LIMIT 1) AND p.id = 'pub0'`,
    );
    const { body } = await t.http.get('/api/nominations/nom-estimate/impact-estimate').set(auth(curator)).expect(200);
    const earnings = computeEarnings(bundle, PERIOD).stories.s9!.earnings;
    expect(body).toMatchObject({ estimate: true, basisPeriod: PERIOD, boostBps: 20000, boostDays: 14, storyId: 's9' });
    expect(BigInt(body.basisEarningsMicros)).toBe(earnings);
    // ×2.00 for 14 of October's 31 days: earnings × 10,000 × 14 / (10,000 × 31), half to even
    expect(BigInt(body.estimatedMicros)).toBe(
      boostImpactEstimate({ earningsMicros: earnings, periodDays: 31, boostBps: 20000, boostDays: 14 }),
    );
    expect(boostImpactEstimate({ earningsMicros: 31_000_000n, periodDays: 31, boostBps: 20000, boostDays: 14 })).toBe(14_000_000n);
    await t.http
      .get('/api/nominations/nom-estimate/impact-estimate')
      .set(auth(await t.tokenFor(['support'])))
      .expect(403);
    await t.http.get('/api/nominations/nope/impact-estimate').set(auth(curator)).expect(404);
  });
});
