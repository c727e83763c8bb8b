import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { EXAMPLES, startRun } from './helpers.js';
import { waitForSimulation } from './simulation-helpers.js';

const PERIOD = '2026-10';
const PARTS = ['ReadingTime', 'Engagement', 'ReadRatioAdjustment', 'FollowerBonus', 'BoostBonus'];
type Row = Record<string, string | number | null>;
const big = (v: unknown) => BigInt(v as string | number);

/** Step 2: the comparison's totals, distribution, crossings, lists and CSV agree with the per-author differences. */
describe('simulation comparison with the run', () => {
  let t: TestApp;
  let finance: string;
  let simId: string;
  let authors: Row[];
  const auth = () => ({ Authorization: `Bearer ${finance}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}october-small`));
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    const approver = await t.tokenFor(['finance']);
    const run = await startRun(t, finance, PERIOD);
    await t.http
      .post(`/api/payout-runs/${run.id}/approve`)
      .set({ Authorization: `Bearer ${approver}` })
      .set(newKey())
      .expect(200);
    // a stronger boost and follower bonus move money between writers; a lower threshold pays more of them
    const { body } = await t.http
      .post('/api/simulations')
      .set(auth())
      .send({ period: PERIOD, parameters: { boostBps: 60000, followerBps: 30000, minPayoutCents: 200 } })
      .expect(202);
    simId = body.id;
    await waitForSimulation(t, finance, simId);
    const res = await t.http
      .get('/api/simulation-authors')
      .query({ filter: JSON.stringify({ simulationId: simId }), range: JSON.stringify([0, 9999]) })
      .set(auth())
      .expect(200);
    authors = res.body;
  });
  afterAll(() => t.close());

  it('per author: the difference is simulation − run, and its breakdown adds up to it', () => {
    expect(authors.length).toBeGreaterThan(10);
    for (const a of authors) {
      expect(big(a.deltaEarningsMicros)).toBe(big(a.simEarningsMicros) - big(a.runEarningsMicros));
      expect(PARTS.reduce((s, p) => s + big(a[`delta${p}Micros`]), 0n)).toBe(big(a.deltaEarningsMicros));
    }
  });

  it('totals, gainers and losers, deciles, histogram, crossings and top movers follow from the authors', async () => {
    const { body: c } = await t.http.get(`/api/simulations/${simId}/comparison`).set(auth()).expect(200);
    const deltas = authors.map((a) => big(a.deltaEarningsMicros));
    const changed = deltas.filter((d) => d !== 0n).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(c.totals).toMatchObject({
      authors: authors.length,
      gainers: deltas.filter((d) => d > 0n).length,
      losers: deltas.filter((d) => d < 0n).length,
      unchanged: deltas.filter((d) => d === 0n).length,
      crossedUp: authors.filter((a) => a.crossing === 'up').length,
      crossedDown: authors.filter((a) => a.crossing === 'down').length,
    });
    expect(c.totals.gainers).toBeGreaterThan(0);
    expect(c.totals.losers).toBeGreaterThan(0);
    expect(c.totals.crossedUp).toBeGreaterThan(0);
    expect(big(c.totals.deltaEarningsMicros)).toBe(deltas.reduce((s, d) => s + d, 0n));
    // the pool and the pairs are the same: money only moves between writers
    expect(big(c.totals.deltaEarningsMicros)).toBe(0n);
    // deciles: percentile_disc of the changed authors' differences
    expect(c.deciles.map(big)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => changed[Math.ceil((k / 10) * changed.length) - 1]));
    // the histogram covers every changed author once, each in its range
    expect(c.histogram.reduce((s: number, b: { authors: number }) => s + b.authors, 0)).toBe(changed.length);
    for (const b of c.histogram) {
      const inside = changed.filter((d) => d >= big(b.fromMicros) && d <= big(b.toMicros)).length;
      expect({ b, inside }).toEqual({ b, inside: b.authors });
    }
    expect(big(c.histogram[0].fromMicros)).toBe(changed[0]);
    expect(big(c.histogram[c.histogram.length - 1].toMicros)).toBe(changed[changed.length - 1]);
    // crossings: up = carried in the run, paid (or payable but for the account) in the simulation
    for (const a of authors.filter((x) => x.crossing === 'up')) {
      expect(a.runStatus ?? 'below_threshold').toBe('below_threshold');
      expect(['payable', 'payout_account_not_ready']).toContain(a.simStatus);
    }
    const losers = [...authors]
      .filter((a) => big(a.deltaEarningsMicros) < 0n)
      .sort((x, y) => Number(big(x.deltaEarningsMicros) - big(y.deltaEarningsMicros)));
    expect(c.topLosers.map((a: Row) => a.deltaEarningsMicros)).toEqual(losers.slice(0, 10).map((a) => a.deltaEarningsMicros));
    expect(big(c.topGainers[0].deltaEarningsMicros)).toBe(changed[changed.length - 1]);
  });

  it('the lists sort and filter in the simple REST dialect; stories add up to their authors; CSV has every author', async () => {
    const up = await t.http
      .get('/api/simulation-authors')
      .query({ filter: JSON.stringify({ simulationId: simId, crossing: 'up' }), sort: JSON.stringify(['deltaEarningsMicros', 'DESC']) })
      .set(auth())
      .expect(200);
    expect(up.headers['content-range']).toMatch(new RegExp(`/${authors.filter((a) => a.crossing === 'up').length}$`));
    const ds = up.body.map((a: Row) => big(a.deltaEarningsMicros));
    expect(ds).toEqual([...ds].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    await t.http
      .get('/api/simulation-authors')
      .query({ filter: JSON.stringify({ simulationId: simId, crossing: 'sideways' }) })
      .set(auth())
      .expect(400);
    await t.http
      .get('/api/simulation-authors')
      .query({ filter: JSON.stringify({ simulationId: simId }), sort: JSON.stringify(['nope', 'ASC']) })
      .set(auth())
      .expect(400);
    // A simulation's rows are listed per simulation: without one, nothing is computed.
    for (const list of ['/api/simulation-authors', '/api/simulation-stories']) {
      const all = await t.http.get(list).set(auth()).expect(400);
      expect(all.body.details).toEqual([{ field: 'filter.simulationId', message: 'is required' }]);
    }

    const { body: stories } = await t.http
      .get('/api/simulation-stories')
      .query({ filter: JSON.stringify({ simulationId: simId }), range: JSON.stringify([0, 9999]) })
      .set(auth())
      .expect(200);
    const byAuthor = new Map<string, bigint>();
    for (const s of stories) byAuthor.set(s.authorId, (byAuthor.get(s.authorId) ?? 0n) + big(s.deltaEarningsMicros));
    for (const a of authors)
      expect({ a: a.authorId, d: byAuthor.get(a.authorId as string) ?? 0n }).toEqual({ a: a.authorId, d: big(a.deltaEarningsMicros) });

    const csv = await t.http.get(`/api/simulations/${simId}/authors.csv`).set(auth()).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'authorId,authorName,runEarningsMicros,simEarningsMicros,deltaEarningsMicros,deltaReadingTimeMicros,deltaEngagementMicros,deltaReadRatioAdjustmentMicros,deltaFollowerBonusMicros,deltaBoostBonusMicros,runStatus,simStatus,runPayoutCents,simPayoutCents,crossing',
    );
    expect(lines).toHaveLength(authors.length + 1);

    const { body: listed } = await t.http
      .get('/api/simulations')
      .query({ filter: JSON.stringify({ period: PERIOD, status: 'done' }) })
      .set(auth())
      .expect(200);
    expect(listed.map((s: Row) => s.id)).toContain(simId);
  });
});
