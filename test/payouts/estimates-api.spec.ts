import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { EstimatesService } from '../../libs/payouts/src/estimates/estimates.service.js';
import { targetCondition } from '../../libs/payouts/src/estimates/estimate-sql.js';
import { RANDOM_PERIOD, randomBundle } from './random-bundle.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The estimates' HTTP routes: roles, bad input as a 400 naming the field, unknown ids as a 404, money as JSON integers. */
describe('estimates API', () => {
  let t: TestApp;
  let support: string;

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, randomBundle(3 * 7919));
    const estimates = t.app.get(EstimatesService);
    for (let d = 1; d <= 31; d++) await estimates.aggregateDay(`${RANDOM_PERIOD}-${String(d).padStart(2, '0')}`);
    support = await t.tokenFor(['support']);
  });
  afterAll(() => t.close());

  it('support reads (money as JSON integers); the integrity role gets 403, no token 401', async () => {
    const { rows } = await t.db.pool.query(`SELECT DISTINCT m.id FROM stories s JOIN members m ON m.key = s.author_key ORDER BY 1 LIMIT 1`);
    const author = rows[0].id as string;
    await t.http.get(`/api/estimates/authors/${author}`).expect(401);
    await t.http
      .get(`/api/estimates/authors/${author}`)
      .set(auth(await t.tokenFor(['integrity'])))
      .expect(403);
    const res = await t.http.get(`/api/estimates/authors/${author}?period=${RANDOM_PERIOD}`).set(auth(support)).expect(200);
    expect(res.body).toMatchObject({ authorId: author, period: RANDOM_PERIOD, asOf: `${RANDOM_PERIOD}-31` });
    expect(typeof res.body.storyEarningsMicros).toBe('number');
    for (const s of res.body.stories) expect(Number.isSafeInteger(s.earningsMicros)).toBe(true);
  });

  it("a story's estimate finds the story's readers of the month by index", async () => {
    const c = await t.db.pool.connect();
    try {
      await c.query('SET enable_seqscan = off');
      const { rows } = await c.query(
        `EXPLAIN SELECT DISTINCT pd.member_key FROM estimate_pair_days pd
         WHERE pd.day >= DATE '2026-10-01' AND pd.day < DATE '2026-10-01' + interval '1 month' AND ${targetCondition({ storyKey: 1 })}`,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/estimate_pair_days_day_author_idx/);
      expect(plan).toMatch(/Index Cond: \(.*author_key = /);
    } finally {
      await c.query('RESET enable_seqscan');
      c.release();
    }
  });

  it('a bad period is a 400 naming it; an unknown author or story a 404; never a 500', async () => {
    for (const period of ['2026-13', 'x', "2026-10'; DROP TABLE stories --", '2026-1'])
      expect((await t.http.get(`/api/estimates/stories/S1`).query({ period }).set(auth(support)).expect(400)).body.message).toContain(
        'period',
      );
    await t.http.get('/api/estimates/stories/S1?period=2026-10&period=2026-11').set(auth(support)).expect(400);
    await t.http.get('/api/estimates/authors/nobody').set(auth(support)).expect(404);
    await t.http
      .get(`/api/estimates/stories/${encodeURIComponent("x' OR '1'='1")}`)
      .set(auth(support))
      .expect(404);
  });
});
