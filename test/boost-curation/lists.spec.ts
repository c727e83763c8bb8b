import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { CurationFixtures } from './fixtures.js';

/** The curator queue with its story facts, the boosts list, nominator statistics and stories, in the list dialect. */
describe('boost curation lists', () => {
  let t: TestApp;
  let f: CurationFixtures;
  let curator: string;
  let support: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = (path: string, token: string, query: { filter?: unknown; sort?: unknown; range?: unknown } = {}) =>
    t.http
      .get(path)
      .query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])))
      .set(as(token));

  beforeAll(async () => {
    t = await startTestApp();
    f = new CurationFixtures(t);
    curator = await t.tokenFor(['curator']);
    support = await t.tokenFor(['support']);
  });
  afterAll(() => t.close());

  it('the queue lists nominations oldest first with the story facts (age, author, publication, read ratio so far, partner)', async () => {
    const pub = await f.publication('pub-queue');
    const partner = await f.member('author-partner');
    await f.enrollment(partner, `now() - interval '1 year'`);
    const former = await f.member('author-former');
    await f.enrollment(former, `now() - interval '1 year'`, `now() - interval '1 day'`);
    const newer = await f.pendingNomination({ publication: pub, author: partner, at: `now() - interval '1 hour'`, title: 'Newer' });
    const older = await f.pendingNomination({ publication: pub, author: former, at: `now() - interval '3 hours'`, title: 'Older' });
    // newer's story: 4 views by others (29 s is a view, 30 s a read; a logged-out read counts), and the author's own read
    const reader = await f.member();
    await f.session(newer.story, reader, 29);
    await f.session(newer.story, reader, 30);
    await f.session(newer.story, null, 600);
    await f.session(newer.story, reader, 0);
    await f.session(newer.story, partner, 900);

    const res = await list('/api/nominations', curator, { filter: { publicationId: 'pub-queue' } }).expect(200);
    expect(res.headers['content-range']).toBe('nominations 0-1/2');
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([older.id, newer.id]);
    expect(res.body[1]).toMatchObject({
      id: newer.id,
      status: 'pending',
      storyId: newer.storyId,
      storyTitle: 'Newer',
      storyStatus: 'published',
      storyAgeDays: 10,
      authorId: 'author-partner',
      authorIsPartner: true,
      publicationId: 'pub-queue',
      publicationName: 'Publication pub-queue',
      views: 4,
      reads: 2,
      readRatioBps: 5000,
      refusalReason: null,
    });
    expect(res.body[0]).toMatchObject({ authorId: 'author-former', authorIsPartner: false, views: 0, reads: 0, readRatioBps: 0 });

    const one = await t.http.get(`/api/nominations/${newer.id}`).set(as(curator)).expect(200);
    expect(one.body).toMatchObject({ id: newer.id, readRatioBps: 5000, nominatorId: expect.any(String) });
    expect(one.body).not.toHaveProperty('storyKey');
    await t.http.get('/api/nominations/nope').set(as(curator)).expect(404);

    const desc = await list('/api/nominations', curator, { filter: { publicationId: 'pub-queue' }, sort: ['nominatedAt', 'DESC'] }).expect(
      200,
    );
    expect(desc.body.map((r: { id: string }) => r.id)).toEqual([newer.id, older.id]);
    const partnersOnly = await list('/api/nominations', curator, { filter: { publicationId: 'pub-queue', authorIsPartner: true } }).expect(
      200,
    );
    expect(partnersOnly.body.map((r: { id: string }) => r.id)).toEqual([newer.id]);
  });

  it('filters the queue by status, storyId, nominatorId and refusalReason; unknown fields are a 400', async () => {
    const pub = await f.publication();
    const nominator = await f.member('nominator-filters');
    const author = await f.member();
    const good = await f.story({ author, publication: pub });
    const ai = await f.story({ author, publication: pub, aiDisclosed: true });
    await f.intake([
      { id: 'flt-ok', story: good, nominator, publication: pub, at: `now() - interval '2 hours'` },
      { id: 'flt-ai', story: ai, nominator, publication: pub, at: `now() - interval '1 hour'` },
    ]);
    const byNominator = await list('/api/nominations', curator, { filter: { nominatorId: 'nominator-filters' } }).expect(200);
    expect(byNominator.body.map((r: { id: string }) => r.id)).toEqual(['flt-ok', 'flt-ai']);
    const refused = await list('/api/nominations', curator, { filter: { nominatorId: 'nominator-filters', status: 'refused' } }).expect(
      200,
    );
    expect(refused.body).toEqual([expect.objectContaining({ id: 'flt-ai', refusalReason: 'ai_disclosed' })]);
    const byReason = await list('/api/nominations', curator, {
      filter: { refusalReason: 'ai_disclosed', nominatorId: 'nominator-filters' },
    }).expect(200);
    expect(byReason.body.map((r: { id: string }) => r.id)).toEqual(['flt-ai']);
    const byStory = await list('/api/nominations', curator, { filter: { storyId: await f.storyId(good) } }).expect(200);
    expect(byStory.body.map((r: { id: string }) => r.id)).toEqual(['flt-ok']);
    const pending = await list('/api/nominations', curator, { filter: { status: 'pending', nominatorId: 'nominator-filters' } }).expect(
      200,
    );
    expect(pending.body.map((r: { id: string }) => r.id)).toEqual(['flt-ok']);

    const unknown = await list('/api/nominations', curator, { filter: { storyKey: 1 } }).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'filter.storyKey', message: 'unknown filter field' }]);
    await list('/api/nominations', curator, { filter: { status: 'maybe' } }).expect(400);
    await list('/api/nominations', curator, { filter: { refusalReason: 'because' } }).expect(400);
    await list('/api/nominations', curator, { sort: ['readRatioBps', 'ASC'] }).expect(400);
  });

  it('lists boosts by state (active, ended, upcoming) and by story', async () => {
    const pub = await f.publication();
    const author = await f.member('author-boosts');
    const story = await f.story({ author, publication: pub });
    const ended = await f.importedBoost(story, `now() - interval '60 days'`, `now() - interval '46 days'`, 'bl-ended');
    const active = await f.importedBoost(story, `now() - interval '1 day'`, `now() + interval '13 days'`, 'bl-active');
    const upcoming = await f.importedBoost(story, `now() + interval '20 days'`, `now() + interval '34 days'`, 'bl-upcoming');
    const storyId = await f.storyId(story);
    const all = await list('/api/boosts', support, { filter: { storyId }, sort: ['startsAt', 'ASC'] }).expect(200);
    expect(all.body.map((b: { id: string; state: string }) => [b.id, b.state])).toEqual([
      [ended, 'ended'],
      [active, 'active'],
      [upcoming, 'upcoming'],
    ]);
    expect(all.headers['content-range']).toBe('boosts 0-2/3');
    for (const [state, id] of [
      ['active', active],
      ['ended', ended],
      ['upcoming', upcoming],
    ]) {
      const res = await list('/api/boosts', support, { filter: { storyId, state } }).expect(200);
      expect(res.body.map((b: { id: string }) => b.id)).toEqual([id]);
    }
    const byAuthor = await list('/api/boosts', support, { filter: { authorId: 'author-boosts', state: 'active' } }).expect(200);
    expect(byAuthor.body).toEqual([
      expect.objectContaining({ id: active, storyId, source: 'nomination', endedEarly: false, endReason: null }),
    ]);
    await list('/api/boosts', support, { filter: { state: 'paused' } }).expect(400);
    await t.http.get('/api/boosts/nope').set(as(support)).expect(404);

    // per story history: the story shows its windows and its nominations
    const detail = await t.http.get(`/api/stories/${storyId}`).set(as(support)).expect(200);
    expect(detail.body.boosts.map((b: { id: string }) => b.id)).toEqual([ended, active, upcoming]);
    expect(detail.body.nominations).toEqual([]);
  });

  it('nominator statistics: this month, last 7 days, approval rate, good standing (at least one this month and above 20%)', async () => {
    const pub = await f.publication();
    // A time this month and within the last 7 days, whatever today is
    const { rows } = await t.db.pool.query(
      `SELECT greatest(date_trunc('month', now(), 'UTC'), now() - interval '6 days') AS recent,
              date_trunc('month', now(), 'UTC') - interval '1 day' AS last_month`,
    );
    const recent = `'${rows[0].recent.toISOString()}'::timestamptz`;
    const lastMonth = `'${rows[0].last_month.toISOString()}'::timestamptz`;
    const nominate = async (nominator: number, decisions: ('boost' | 'decline' | 'pending')[], when: string) => {
      for (const [i, d] of decisions.entries()) {
        const nom = await f.pendingNomination({ publication: pub, nominator, at: `${when} + interval '${i} seconds'` });
        if (d === 'boost') await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).expect(200);
        if (d === 'decline') await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'meta' }).expect(200);
      }
    };
    const atTwenty = await f.member('nom-20pct'); // 1 of 5 decided boosted: exactly 20%, not above
    await nominate(atTwenty, ['boost', 'decline', 'decline', 'decline', 'decline'], recent);
    const above = await f.member('nom-25pct'); // 1 of 4: 25%, plus a pending one
    await nominate(above, ['boost', 'decline', 'decline', 'decline', 'pending'], recent);
    const idle = await f.member('nom-idle'); // all boosted, but nothing this month
    await nominate(idle, ['boost', 'boost'], lastMonth);
    const limited = await f.member('nom-limited'); // a 6th in 7 days is refused and not counted
    await nominate(limited, ['boost', 'pending', 'pending', 'pending', 'pending'], recent);
    const sixth = await f.story({ author: await f.member(), publication: pub });
    await f.intake([{ id: 'nom-limited-6', story: sixth, nominator: limited, publication: pub, at: `${recent} + interval '1 minute'` }]);
    expect((await f.status('nom-limited-6')).refusalReason).toBe('nominator_weekly_limit');

    const res = await list('/api/nominators', curator, {
      filter: { id: ['nom-20pct', 'nom-25pct', 'nom-idle', 'nom-limited'] },
      sort: ['id', 'ASC'],
    }).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'nom-20pct',
        nominationsThisMonth: 5,
        nominationsLast7Days: 5,
        boosted: 1,
        declined: 4,
        approvalRateBps: 2000,
        goodStanding: false,
      }),
      expect.objectContaining({ id: 'nom-25pct', nominationsThisMonth: 5, pending: 1, approvalRateBps: 2500, goodStanding: true }),
      expect.objectContaining({
        id: 'nom-idle',
        nominationsThisMonth: 0,
        nominationsLast7Days: expect.any(Number),
        approvalRateBps: 10000,
        goodStanding: false,
      }),
      expect.objectContaining({
        id: 'nom-limited',
        nominationsThisMonth: 5,
        nominationsLast7Days: 5,
        totalNominations: 6,
        refused: 1,
        approvalRateBps: 10000,
        goodStanding: true,
      }),
    ]);
    const good = await list('/api/nominators', curator, {
      filter: { id: ['nom-20pct', 'nom-25pct', 'nom-idle', 'nom-limited'], goodStanding: true },
    }).expect(200);
    expect(good.body.map((r: { id: string }) => r.id).sort()).toEqual(['nom-25pct', 'nom-limited']);
    const one = await t.http.get('/api/nominators/nom-25pct').set(as(curator)).expect(200);
    expect(one.body).toMatchObject({ id: 'nom-25pct', name: 'Member nom-25pct', totalNominations: 5 });
    await t.http.get('/api/nominators/nobody').set(as(curator)).expect(404);
    await list('/api/nominators', curator, { sort: ['salary', 'ASC'] }).expect(400);
  });

  it('stories: any staff lists them with author, publication, status, published and membersOnly; filters and search', async () => {
    const pub = await f.publication('pub-stories');
    const author = await f.member('author-stories');
    await f.story({ author, publication: pub, id: 'st-alpha', title: 'Alpha and the sea', publishedAt: `now() - interval '2 days'` });
    await f.story({ author, publication: null, id: 'st-beta', title: 'Beta draft', status: 'draft', publishedAt: null });
    const res = await list('/api/stories', support, { filter: { authorId: 'author-stories' }, sort: ['id', 'ASC'] }).expect(200);
    expect(res.headers['content-range']).toBe('stories 0-1/2');
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'st-alpha',
        authorId: 'author-stories',
        publicationId: 'pub-stories',
        publicationName: 'Publication pub-stories',
        status: 'published',
        membersOnly: true,
        aiDisclosed: false,
      }),
      expect.objectContaining({ id: 'st-beta', publicationId: null, status: 'draft', publishedAt: null }),
    ]);
    const drafts = await list('/api/stories', support, { filter: { authorId: 'author-stories', status: 'draft' } }).expect(200);
    expect(drafts.body.map((s: { id: string }) => s.id)).toEqual(['st-beta']);
    const search = await list('/api/stories', support, { filter: { q: 'and the sea' } }).expect(200);
    expect(search.body.map((s: { id: string }) => s.id)).toEqual(['st-alpha']);
    const byPub = await list('/api/stories', support, { filter: { publicationId: 'pub-stories' } }).expect(200);
    expect(byPub.body.map((s: { id: string }) => s.id)).toEqual(['st-alpha']);
    await list('/api/stories', support, { filter: { status: 'hidden' } }).expect(400);
    await t.http.get('/api/stories/none-such').set(as(support)).expect(404);
    const one = await t.http.get('/api/stories/st-alpha').set(as(support)).expect(200);
    expect(one.body).toMatchObject({ id: 'st-alpha', title: 'Alpha and the sea', boosts: [], nominations: [] });
    expect(one.body).not.toHaveProperty('key');
  });
});
