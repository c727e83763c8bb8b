import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { monthIndex, periodOfIndex } from '../../libs/core/src/period/period.js';
import { addCharges, addMembers, addMemberships, addReferrals, refund } from './fixtures.js';

/*
 * "Still paying" is judged against the current month, so the data is placed relative to
 * the clock: CURRENT is this UTC month, PREVIOUS the one before.
 */
const now = new Date();
const CURRENT = periodOfIndex(now.getUTCFullYear() * 12 + now.getUTCMonth());
const PREVIOUS = periodOfIndex(monthIndex(CURRENT) - 1);
const YESTERDAY = new Date(Date.now() - 86400_000).toISOString();

describe('referral pages and staff views', () => {
  let t: TestApp;
  let support: string;
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp({ PROFILE_BASE_URL: 'https://read.test/@' });
    support = await t.tokenFor(['support']);
    finance = await t.tokenFor(['finance']);
    await addMembers(t.db.pool, [
      { id: 'a1', username: 'ada.writer', name: 'Ada Writer' },
      { id: 'a2', username: 'bo', name: 'Bo Author' },
      ...['p1', 'p2', 'p3', 'p4'].map((id) => ({ id, name: `Reader ${id}` })),
    ]);
    await addMemberships(t.db.pool, [
      { id: 'ms-p1', memberId: 'p1', plan: 'monthly', startedAt: '2023-01-10T00:00:00Z', endedAt: null },
      { id: 'ms-p2', memberId: 'p2', plan: 'annual', startedAt: '2023-02-10T00:00:00Z', endedAt: '2025-02-10T00:00:00Z' },
      { id: 'ms-p3', memberId: 'p3', plan: 'annual', startedAt: '2023-03-10T00:00:00Z', endedAt: YESTERDAY },
      { id: 'ms-p4-old', memberId: 'p4', plan: 'annual', startedAt: '2023-04-10T00:00:00Z', endedAt: '2024-04-10T00:00:00Z' },
      { id: 'ms-p4', memberId: 'p4', plan: 'monthly', startedAt: '2024-04-10T00:00:00Z', endedAt: YESTERDAY },
    ]);
    await addCharges(t.db.pool, [
      { id: 'c-p1', memberId: 'p1', plan: 'monthly', coversFrom: PREVIOUS, grossCents: 500, feeCents: 45 },
      // p3 left yesterday but an annual charge still covers this month
      { id: 'c-p3', memberId: 'p3', plan: 'annual', coversFrom: periodOfIndex(monthIndex(CURRENT) - 3), grossCents: 5000, feeCents: 175 },
      // p4's charge for this month was refunded
      { id: 'c-p4', memberId: 'p4', plan: 'monthly', coversFrom: CURRENT, grossCents: 500, feeCents: 45, status: 'refunded' },
    ]);
    await addReferrals(t.db.pool, [
      { id: 'ref-1', referrerId: 'a1', referredMemberId: 'p1', referredAt: '2023-01-10T00:00:00Z', pageSlug: 'ada-ref' },
      { id: 'ref-2', referrerId: 'a1', referredMemberId: 'p2', referredAt: '2023-02-10T00:00:00Z', pageSlug: 'ada-ref' },
      { id: 'ref-3', referrerId: 'a2', referredMemberId: 'p3', referredAt: '2023-03-10T00:00:00Z', pageSlug: 'bo-ref' },
      { id: 'ref-4', referrerId: 'a2', referredMemberId: 'p4', referredAt: '2023-08-31T23:59:59Z', pageSlug: 'bo-ref' },
    ]);
    const credits = t.app.get(ReferralCreditsService);
    await credits.honor(PREVIOUS);
    await refund(t.db.pool, 'c-p1');
    await credits.honor(CURRENT);
  });
  afterAll(() => t.close());

  const get = (path: string, token: string, query: Record<string, unknown> = {}) =>
    t.http
      .get(path)
      .query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])))
      .set('Authorization', `Bearer ${token}`);

  const counts = async () =>
    (
      await t.db.pool.query(
        `SELECT (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM referral_credits)::int AS credits,
                (SELECT count(*) FROM audit_log)::int AS audit`,
      )
    ).rows[0];

  describe('acceptance 5: GET /r/<slug>', () => {
    it('redirects an existing slug to the writer profile without a login, and attributes nothing', async () => {
      const before = await counts();
      const res = await t.http.get('/r/ada-ref').expect(302);
      expect(res.headers.location).toBe('https://read.test/@ada.writer');
      expect((await t.http.get('/r/bo-ref').expect(302)).headers.location).toBe('https://read.test/@bo');
      expect(await counts()).toEqual(before);
    });

    it('answers 404 with the JSON error for an unknown slug, also without a login', async () => {
      const res = await t.http.get('/r/never-existed').expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'not_found' });
      expect(res.body.message).toContain('never-existed');
      await t.http.get(`/r/${'x'.repeat(300)}`).expect(404);
    });

    it('is served outside /api only', async () => {
      await t.http.get('/api/r/ada-ref').expect(404);
    });
  });

  describe('GET /api/referrals', () => {
    it("lists a writer's legacy referrals with the referred member, date, plan and whether they still pay", async () => {
      const res = await get('/api/referrals', support, { filter: { referrerId: 'a1' }, sort: ['referredAt', 'ASC'] }).expect(200);
      expect(res.headers['content-range']).toBe('referrals 0-1/2');
      expect(res.body).toEqual([
        {
          id: 'ref-1',
          referrerId: 'a1',
          referrerName: 'Ada Writer',
          referrerUsername: 'ada.writer',
          referredMemberId: 'p1',
          referredMemberName: 'Reader p1',
          referredAt: '2023-01-10T00:00:00.000Z',
          pageSlug: 'ada-ref',
          plan: 'monthly',
          stillPaying: true,
          creditedMicros: 0,
        },
        {
          id: 'ref-2',
          referrerId: 'a1',
          referrerName: 'Ada Writer',
          referrerUsername: 'ada.writer',
          referredMemberId: 'p2',
          referredMemberName: 'Reader p2',
          referredAt: '2023-02-10T00:00:00.000Z',
          pageSlug: 'ada-ref',
          plan: 'annual',
          stillPaying: false,
          creditedMicros: 0,
        },
      ]);
    });

    it('still paying: a paid charge covering this month counts even after the membership ended; a refunded one does not', async () => {
      const res = await get('/api/referrals', finance, { filter: { referrerId: 'a2' }, sort: ['id', 'ASC'] }).expect(200);
      expect(res.body.map((r: Record<string, unknown>) => [r.id, r.plan, r.stillPaying, r.creditedMicros])).toEqual([
        ['ref-3', 'annual', true, 2_010_000 * 2],
        ['ref-4', 'monthly', false, 0],
      ]);
      const notPaying = await get('/api/referrals', support, { filter: { stillPaying: false }, sort: ['id', 'ASC'] }).expect(200);
      expect(notPaying.body.map((r: { id: string }) => r.id)).toEqual(['ref-2', 'ref-4']);
    });

    it('filters by referred member, searches, fetches many by id, and one by id', async () => {
      const byMember = await get('/api/referrals', support, { filter: { referredMemberId: 'p3' } }).expect(200);
      expect(byMember.body.map((r: { id: string }) => r.id)).toEqual(['ref-3']);
      const q = await get('/api/referrals', support, { filter: { q: 'bo au' } }).expect(200);
      expect(q.body.map((r: { id: string }) => r.id).sort()).toEqual(['ref-3', 'ref-4']);
      const many = await get('/api/referrals', support, { filter: { id: ['ref-1', 'ref-4'] } }).expect(200);
      expect(many.body.map((r: { id: string }) => r.id).sort()).toEqual(['ref-1', 'ref-4']);
      const one = await get('/api/referrals/ref-3', support).expect(200);
      expect(one.body).toMatchObject({ id: 'ref-3', referrerId: 'a2', referredMemberId: 'p3', stillPaying: true });
      expect((await get('/api/referrals/nope', support).expect(404)).body.code).toBe('not_found');
    });

    it('answers 400 naming an unknown filter or sort field', async () => {
      const res = await get('/api/referrals', support, { filter: { commission: 1 } }).expect(400);
      expect(res.body.details).toEqual([{ field: 'filter.commission', message: 'unknown filter field' }]);
      await get('/api/referrals', support, { sort: ['secret', 'ASC'] }).expect(400);
    });
  });

  describe('GET /api/referral-credits and totals', () => {
    it("lists a period's credits with integer amountMicros", async () => {
      const res = await get('/api/referral-credits', finance, { filter: { period: PREVIOUS }, sort: ['referralId', 'ASC'] }).expect(200);
      expect(res.headers['content-range']).toBe('referral-credits 0-1/2');
      expect(res.body.map((r: Record<string, unknown>) => [r.referralId, r.chargeId, r.referrerId, r.kind, r.amountMicros])).toEqual([
        ['ref-1', 'c-p1', 'a1', 'credit', 2_270_000],
        ['ref-3', 'c-p3', 'a2', 'credit', 2_010_000],
      ]);
      expect(res.body[0]).toMatchObject({
        period: PREVIOUS,
        referrerName: 'Ada Writer',
        referredMemberId: 'p1',
        plan: 'monthly',
        reversesPeriod: null,
      });
      expect(typeof res.body[0].id).toBe('string');
      const one = await get(`/api/referral-credits/${res.body[0].id}`, support).expect(200);
      expect(one.body).toEqual(res.body[0]);
      await get('/api/referral-credits/999999', support).expect(404);
      await get('/api/referral-credits/not-a-number', support).expect(404);
    });

    it('shows a refund as a reversal in the next period, negative, naming the period it reverses', async () => {
      const res = await get('/api/referral-credits', support, { filter: { kind: 'reversal', referrerId: 'a1' } }).expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          referralId: 'ref-1',
          chargeId: 'c-p1',
          period: CURRENT,
          reversesPeriod: PREVIOUS,
          amountMicros: -2_270_000,
        }),
      ]);
      await get('/api/referral-credits', support, { filter: { kind: 'bonus' } }).expect(400);
    });

    it('totals per period, for everyone or for one writer', async () => {
      const all = await get('/api/referral-credit-totals', finance, { sort: ['period', 'ASC'] }).expect(200);
      expect(all.headers['content-range']).toBe('referral-credit-totals 0-1/2');
      expect(all.body).toEqual([
        {
          id: PREVIOUS,
          period: PREVIOUS,
          credits: 2,
          reversals: 0,
          referrers: 2,
          creditedMicros: 4_280_000,
          reversedMicros: 0,
          totalMicros: 4_280_000,
        },
        {
          id: CURRENT,
          period: CURRENT,
          credits: 1,
          reversals: 1,
          referrers: 2,
          creditedMicros: 2_010_000,
          reversedMicros: -2_270_000,
          totalMicros: -260_000,
        },
      ]);
      const ada = await get('/api/referral-credit-totals', support, { filter: { referrerId: 'a1' }, sort: ['period', 'ASC'] }).expect(200);
      expect(ada.body.map((r: { period: string; totalMicros: number }) => [r.period, r.totalMicros])).toEqual([
        [PREVIOUS, 2_270_000],
        [CURRENT, -2_270_000],
      ]);
      const one = await get(`/api/referral-credit-totals/${PREVIOUS}`, support).expect(200);
      expect(one.body).toEqual(all.body[0]);
      await get('/api/referral-credit-totals/2099-01', support).expect(404);
      await get('/api/referral-credit-totals/latest', support).expect(404);
    });
  });

  describe('access', () => {
    it('support and finance read; other roles get 403, no token 401', async () => {
      const reviewer = await t.tokenFor(['reviewer']);
      const curator = await t.tokenFor(['curator']);
      for (const path of ['/api/referrals', '/api/referral-credits', '/api/referral-credit-totals']) {
        await t.http.get(path).expect(401);
        await get(path, reviewer).expect(403);
        await get(path, curator).expect(403);
        await get(path, support).expect(200);
        await get(path, finance).expect(200);
      }
    });

    it('nobody edits credits by hand: there is no write route', async () => {
      const admin = await t.adminToken();
      const [credit] = (await get('/api/referral-credits', admin).expect(200)).body;
      await t.http.post('/api/referral-credits').set('Authorization', `Bearer ${admin}`).send({ amountMicros: 1 }).expect(404);
      await t.http.put(`/api/referral-credits/${credit.id}`).set('Authorization', `Bearer ${admin}`).send({ amountMicros: 1 }).expect(404);
      await t.http.delete(`/api/referral-credits/${credit.id}`).set('Authorization', `Bearer ${admin}`).expect(404);
    });
  });
});
