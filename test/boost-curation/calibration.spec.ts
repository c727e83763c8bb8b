import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { at, CurationFixtures } from './fixtures.js';

interface Planted {
  nominator?: number;
  status: 'pending' | 'refused' | 'boosted' | 'declined';
  /** When it was nominated (and, if decided, decided; a boost starts then). */
  on: string;
  curator?: string;
  /** Boost window length in days (from `on`); `active`: a window still running now. */
  days?: number | 'active';
  /** What boost impact stored for the ended boost: [µ$, complete]. */
  impact?: [bigint, boolean];
}

/**
 * Calibration over planted nominations, decisions, boosts and stored boost impacts with known
 * outcomes: exact counts, rates (floor basis points) and effect sums and medians; the period
 * range, sorting, search; curator and admin read it, support gets 403.
 */
describe('nominator and curator calibration', () => {
  let t: TestApp;
  let f: CurationFixtures;
  let curatorToken: string;
  let c1: string;
  let c2: string;
  let nominatorA: string;
  let nominatorB: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = (path: string, query: { filter?: unknown; sort?: unknown; range?: unknown } = {}, token = curatorToken) =>
    t.http
      .get(path)
      .query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])))
      .set(as(token));
  const staffId = async (email: string) => (await t.db.pool.query(`SELECT id FROM staff_users WHERE email = $1`, [email])).rows[0].id;

  let seq = 0;
  async function plant(publication: number, nominator: number, p: Planted): Promise<void> {
    const id = `cal-n${++seq}`;
    const story = await f.story({ author: await f.member(), publication });
    let boostId: string | null = null;
    if (p.status === 'boosted') {
      boostId = `cal-b${seq}`;
      const [starts, ends] =
        p.days === 'active'
          ? [`now() - interval '1 day'`, `now() + interval '13 days'`]
          : [at(p.on), `${at(p.on)} + interval '${p.days ?? 14} days'`];
      await f.importedBoost(story, starts, ends, boostId);
      await t.db.pool.query(
        `INSERT INTO boost_decisions (boost_id, boosted_by, scheduled_ends_at) SELECT id, $2, ends_at FROM boosts WHERE id = $1`,
        [boostId, p.curator],
      );
      if (p.impact)
        await t.db.pool.query(`INSERT INTO boost_impacts (boost_id, realised_micros, complete) VALUES ($1, $2, $3)`, [
          boostId,
          p.impact[0].toString(),
          p.impact[1],
        ]);
    }
    await t.db.pool.query(
      `INSERT INTO nominations (id, story_key, nominator_key, publication_key, nominated_at, status, refusal_reason, evaluated_at, decided_by, decided_at, decline_reason, boost_id)
       VALUES ($1, $2, $3, $4, ${at(p.on)}, $5, $6, ${at(p.on)}, $7, CASE WHEN $7::uuid IS NULL THEN NULL ELSE ${at(p.on)} END, $8, $9)`,
      [
        id,
        story,
        nominator,
        publication,
        p.status,
        p.status === 'refused' ? 'story_too_old' : null,
        p.curator ?? null,
        p.status === 'declined' ? 'clickbait' : null,
        boostId,
      ],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new CurationFixtures(t);
    curatorToken = await t.tokenFor(['curator']);
    await t.tokenFor(['curator'], 'cal-c1@test.example');
    await t.tokenFor(['curator'], 'cal-c2@test.example');
    [c1, c2] = [await staffId('cal-c1@test.example'), await staffId('cal-c2@test.example')];
    const pub = await f.publication('cal-pub');
    const a = await f.member('cal-nom-a');
    const b = await f.member('cal-nom-b');
    [nominatorA, nominatorB] = ['cal-nom-a', 'cal-nom-b'];
    // March 2026 has an approved run, April none.
    await t.db.pool.query(
      `INSERT INTO payout_runs (period, status, params, params_version, queued_at, approved_at) VALUES ('2026-03', 'approved', '{}', 1, now(), now())`,
    );
    const march = (day: number) => `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`;
    const april = (day: number) => `2026-04-${String(day).padStart(2, '0')}T12:00:00Z`;
    // Nominator A, March: three measured boosts (5, 1, 3 $), one reaching into April (no run: stored incomplete),
    // one measurable but never measured, a decline, a refusal and a pending one; April: a boost and a decline.
    for (const p of [
      { status: 'boosted', on: march(2), curator: c1, impact: [5_000_000n, true] },
      { status: 'boosted', on: march(5), curator: c1, impact: [1_000_000n, true] },
      { status: 'boosted', on: march(8), curator: c1, impact: [3_000_000n, true] },
      { status: 'boosted', on: march(25), curator: c1, impact: [700_000n, false] },
      { status: 'boosted', on: march(10), curator: c1 },
      { status: 'declined', on: march(11), curator: c1 },
      { status: 'refused', on: march(12) },
      { status: 'pending', on: march(13) },
      { status: 'boosted', on: april(5), curator: c2 },
      { status: 'declined', on: april(6), curator: c2 },
    ] as Planted[])
      await plant(pub, a, p);
    // Nominator B, March: one measured boost (2 $), one still running, two declines.
    for (const p of [
      { status: 'boosted', on: march(3), curator: c2, impact: [2_000_000n, true] },
      { status: 'boosted', on: march(4), curator: c2, days: 'active' },
      { status: 'declined', on: march(6), curator: c2 },
      { status: 'declined', on: march(7), curator: c2 },
    ] as Planted[])
      await plant(pub, b, p);
    // Curator 1 also boosted a story nobody nominated (March, measured 4 $).
    const story = await f.story({ author: await f.member(), publication: pub });
    await f.importedBoost(story, at(march(15)), `${at(march(15))} + interval '14 days'`, 'cal-story-boost');
    await t.db.pool.query(`UPDATE boosts SET source = 'curator' WHERE id = 'cal-story-boost'`);
    await t.db.pool.query(
      `INSERT INTO boost_decisions (boost_id, boosted_by, scheduled_ends_at) SELECT id, $1, ends_at FROM boosts WHERE id = 'cal-story-boost'`,
      [c1],
    );
    await t.db.pool.query(`INSERT INTO boost_impacts (boost_id, realised_micros, complete) VALUES ('cal-story-boost', 4000000, true)`);
  });
  afterAll(() => t.close());

  it('per nominator: nominations, outcomes, acceptance rate and what the ended boosts moved (sum, median, how many measured)', async () => {
    const { body, headers } = await list('/api/nominator-calibration', { sort: ['acceptanceRateBps', 'DESC'] }).expect(200);
    expect(headers['content-range']).toBe('nominator-calibration 0-1/2');
    expect(body).toEqual([
      {
        id: nominatorA,
        name: `Member ${nominatorA}`,
        username: expect.any(String),
        nominations: 10,
        boosted: 6,
        declined: 2,
        refused: 1,
        pending: 1,
        acceptanceRateBps: 7500, // 6 / 8
        endedBoosts: 6,
        measuredBoosts: 3,
        awaitingRunBoosts: 2, // the one reaching into April (stored incomplete) and April's
        awaitingSimulationBoosts: 1,
        realisedMicros: 9_000_000,
        medianRealisedMicros: 3_000_000,
      },
      {
        id: nominatorB,
        name: `Member ${nominatorB}`,
        username: expect.any(String),
        nominations: 4,
        boosted: 2,
        declined: 2,
        refused: 0,
        pending: 0,
        acceptanceRateBps: 5000,
        endedBoosts: 1, // the other is still running
        measuredBoosts: 1,
        awaitingRunBoosts: 0,
        awaitingSimulationBoosts: 0,
        realisedMicros: 2_000_000,
        medianRealisedMicros: 2_000_000,
      },
    ]);
  });

  it('the period range selects the nominations made in those months; rates are floor basis points', async () => {
    const march = await list('/api/nominator-calibration', {
      filter: { id: nominatorA, period_gte: '2026-03', period_lte: '2026-03' },
    }).expect(200);
    expect(march.body).toHaveLength(1);
    expect(march.body[0]).toMatchObject({
      nominations: 8,
      boosted: 5,
      declined: 1,
      acceptanceRateBps: 8333, // 5 / 6 = 83.33 %
      endedBoosts: 5,
      measuredBoosts: 3,
      awaitingRunBoosts: 1,
      awaitingSimulationBoosts: 1,
      realisedMicros: 9_000_000,
    });
    const april = await list('/api/nominator-calibration', { filter: { period: '2026-04' } }).expect(200);
    expect(april.body.map((r: { id: string }) => r.id)).toEqual([nominatorA]);
    expect(april.body[0]).toMatchObject({
      nominations: 2,
      acceptanceRateBps: 5000,
      measuredBoosts: 0,
      realisedMicros: null,
      medianRealisedMicros: null,
    });
    const none = await list('/api/nominator-calibration', { filter: { period_gte: '2027-01' } }).expect(200);
    expect(none.body).toEqual([]);
    expect(none.headers['content-range']).toBe('nominator-calibration */0');
  });

  it('sorts by the effect and searches by name', async () => {
    const byEffect = await list('/api/nominator-calibration', { sort: ['realisedMicros', 'ASC'] }).expect(200);
    expect(byEffect.body.map((r: { id: string }) => r.id)).toEqual([nominatorB, nominatorA]);
    const byMedian = await list('/api/nominator-calibration', { sort: ['medianRealisedMicros', 'DESC'] }).expect(200);
    expect(byMedian.body.map((r: { id: string }) => r.id)).toEqual([nominatorA, nominatorB]);
    const found = await list('/api/nominator-calibration', { filter: { q: 'nom-b' } }).expect(200);
    expect(found.body.map((r: { id: string }) => r.id)).toEqual([nominatorB]);
    const page = await list('/api/nominator-calibration', { sort: ['nominations', 'DESC'], range: [1, 1] }).expect(200);
    expect(page.body.map((r: { id: string }) => r.id)).toEqual([nominatorB]);
    expect(page.headers['content-range']).toBe('nominator-calibration 1-1/2');
  });

  it('per curator: decisions, acceptance rate and the effect of every boost they chose (nominations and stories)', async () => {
    const { body } = await list('/api/curator-calibration', { filter: { id: [c1, c2] }, sort: ['acceptanceRateBps', 'DESC'] }).expect(200);
    expect(body).toEqual([
      {
        id: c1,
        name: 'cal-c1@test.example',
        email: 'cal-c1@test.example',
        decisions: 6,
        boosted: 5,
        declined: 1,
        storyBoosts: 1,
        boostsChosen: 6,
        acceptanceRateBps: 8333,
        endedBoosts: 6,
        measuredBoosts: 4,
        awaitingRunBoosts: 1,
        awaitingSimulationBoosts: 1,
        realisedMicros: 13_000_000, // 5 + 1 + 3 + 4 $
        medianRealisedMicros: 3_000_000, // of 1, 3, 4, 5 $: the lower middle
      },
      {
        id: c2,
        name: 'cal-c2@test.example',
        email: 'cal-c2@test.example',
        decisions: 6,
        boosted: 3,
        declined: 3,
        storyBoosts: 0,
        boostsChosen: 3,
        acceptanceRateBps: 5000,
        endedBoosts: 2,
        measuredBoosts: 1,
        awaitingRunBoosts: 1,
        awaitingSimulationBoosts: 0,
        realisedMicros: 2_000_000,
        medianRealisedMicros: 2_000_000,
      },
    ]);
    const april = await list('/api/curator-calibration', { filter: { period_gte: '2026-04', period_lte: '2026-04' } }).expect(200);
    expect(april.body).toEqual([
      expect.objectContaining({ id: c2, decisions: 2, boosted: 1, acceptanceRateBps: 5000, realisedMicros: null }),
    ]);
    const byEffect = await list('/api/curator-calibration', { sort: ['realisedMicros', 'DESC'] }).expect(200);
    expect(byEffect.body.map((r: { id: string }) => r.id)).toEqual([c1, c2]);
  });

  it('curators and admins read calibration; support gets 403; bad sorts and filters are a 400 naming the field', async () => {
    const support = await t.tokenFor(['support']);
    await list('/api/nominator-calibration', {}, support).expect(403);
    await list('/api/curator-calibration', {}, support).expect(403);
    await list('/api/curator-calibration', {}, await t.adminToken()).expect(200);
    await t.http.get('/api/nominator-calibration').expect(401);
    const badPeriod = await list('/api/nominator-calibration', { filter: { period_gte: '2026-13' } }).expect(400);
    expect(JSON.stringify(badPeriod.body.details)).toContain('filter.period_gte');
    const badSort = await list('/api/curator-calibration', { sort: ['refused', 'ASC'] }).expect(400);
    expect(JSON.stringify(badSort.body.details)).toContain('sort');
    await list('/api/curator-calibration', { filter: { id: 'not-a-uuid' } }).expect(400);
  });
});
