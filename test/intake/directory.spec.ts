import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodOf, previousPeriod } from '../../libs/core/src/period/period.js';
import { emptyBundle } from '../oracle/bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { loadBundle } from '../support/load-bundle.js';

/** GET /api/members and /api/publications: the simple REST list dialect, the detail pages, the roles. */
describe('members and publications', () => {
  let t: TestApp;
  let support: string;
  let curator: string;
  const now = new Date();
  const thisMonth = periodOf(now);
  const lastMonth = previousPeriod(thisMonth);
  const longAgo = previousPeriod(previousPeriod(previousPeriod(thisMonth)));

  beforeAll(async () => {
    t = await startTestApp();
    const b = emptyBundle();
    const people: [id: string, name: string, country: string, joined: string, excluded?: boolean][] = [
      ['m-ada', 'Ada Lovelace', 'GB', '2024-03-01T00:00:00Z'],
      ['m-bob', 'Bob Baker', 'US', '2024-01-15T00:00:00Z'],
      ['m-cy', 'Cy Young', 'US', '2025-06-01T00:00:00Z', true],
      ['w-zed', 'Zed Writer', 'DE', '2023-05-01T00:00:00Z'],
    ];
    for (const [id, name, country, joinedAt, earningsExcluded] of people)
      b.members.push({
        id,
        username: id.slice(2),
        name,
        email: `${id}@x.test`,
        country,
        birthDate: '1990-02-03',
        joinedAt,
        earningsExcluded,
      });
    b.publications.push({ id: 'p-river', name: 'River Review' }, { id: 'p-atlas', name: 'Atlas' });
    b.stories.push(
      {
        id: 's-1',
        authorId: 'w-zed',
        publicationId: 'p-river',
        title: 'First',
        publishedAt: '2026-01-01T00:00:00Z',
        membersOnly: true,
        status: 'published',
      },
      {
        id: 's-2',
        authorId: 'w-zed',
        publicationId: 'p-river',
        title: 'Second',
        publishedAt: '2026-02-01T00:00:00Z',
        membersOnly: false,
        status: 'published',
      },
      { id: 's-3', authorId: 'w-zed', publicationId: null, title: 'Alone', publishedAt: null, membersOnly: true, status: 'draft' },
    );
    b.memberships.push(
      {
        id: 'ms-ada-1',
        memberId: 'm-ada',
        plan: 'monthly',
        tier: 'member',
        startedAt: '2024-03-01T00:00:00Z',
        endedAt: '2025-03-01T00:00:00Z',
      },
      { id: 'ms-ada-2', memberId: 'm-ada', plan: 'annual', tier: 'friend', startedAt: '2025-03-01T00:00:00Z', endedAt: null },
    );
    b.charges.push({
      id: 'ch-ada-1',
      memberId: 'm-ada',
      plan: 'annual',
      coversFrom: '2025-03',
      chargedAt: '2025-03-01T08:00:00Z',
      grossCents: 6000,
      feeCents: 300,
      netCents: 5700,
      status: 'paid',
    });
    const session = (id: string, storyId: string, period: string, day: string, activeSeconds: number) =>
      b.sessions.push({ id, storyId, readerId: 'm-ada', startedAt: `${period}-${day}T10:00:00Z`, activeSeconds, mode: 'read' });
    session('se-1', 's-1', thisMonth, '01', 120);
    session('se-2', 's-2', thisMonth, '01', 30);
    session('se-3', 's-1', lastMonth, '15', 600);
    session('se-4', 's-1', longAgo, '15', 999); // before the three months the page shows
    await loadBundle(t.db.pool, b);
    support = await t.tokenFor(['support']);
    curator = await t.tokenFor(['curator']);
  });
  afterAll(() => t.close());

  const get = (path: string, token = support) => t.http.get(path).set('Authorization', `Bearer ${token}`);
  const list = (resource: string, q: Record<string, unknown>, token = support) =>
    get(`/api/${resource}?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, JSON.stringify(v)]))}`, token);

  it('lists members newest first with Content-Range, pages, sorts and filters them', async () => {
    const all = await list('members', {}).expect(200);
    expect(all.headers['content-range']).toBe('members 0-3/4');
    expect(all.body.map((m: { id: string }) => m.id)).toEqual(['m-cy', 'm-ada', 'm-bob', 'w-zed']);
    expect(all.body[0]).toEqual({
      id: 'm-cy',
      username: 'cy',
      name: 'Cy Young',
      email: 'm-cy@x.test',
      country: 'US',
      birthDate: '1990-02-03',
      joinedAt: '2025-06-01T00:00:00.000Z',
      earningsExcluded: true,
    });

    const page = await list('members', { sort: ['name', 'ASC'], range: [1, 2] }).expect(200);
    expect(page.headers['content-range']).toBe('members 1-2/4');
    expect(page.body.map((m: { id: string }) => m.id)).toEqual(['m-bob', 'm-cy']);

    const byId = await list('members', { sort: ['id', 'DESC'] }).expect(200);
    expect(byId.body.map((m: { id: string }) => m.id)).toEqual(['w-zed', 'm-cy', 'm-bob', 'm-ada']);

    const ids = (q: Record<string, unknown>) =>
      list('members', { sort: ['id', 'ASC'], filter: q }).then((r) => r.body.map((m: { id: string }) => m.id));
    expect(await ids({ country: 'US' })).toEqual(['m-bob', 'm-cy']);
    expect(await ids({ earningsExcluded: true })).toEqual(['m-cy']);
    expect(await ids({ joinedAt_gte: '2024-02-01T00:00:00Z', joinedAt_lte: '2025-01-01T00:00:00Z' })).toEqual(['m-ada']);
    expect(await ids({ q: 'lovelace' })).toEqual(['m-ada']);
    expect(await ids({ id: ['m-bob', 'w-zed'] })).toEqual(['m-bob', 'w-zed']);
  });

  it('refuses unknown sort and filter fields with a 400 naming them', async () => {
    const sort = await list('members', { sort: ['email', 'ASC'] }).expect(400);
    expect(sort.body.details).toEqual([{ field: 'sort', message: 'unknown sort field email' }]);
    const filter = await list('members', { filter: { tier: 'friend' } }).expect(400);
    expect(filter.body.details).toEqual([{ field: 'filter.tier', message: 'unknown filter field' }]);
    const bad = await list('members', { filter: { earningsExcluded: 'maybe' } }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'filter.earningsExcluded', message: 'must be true or false' }]);
  });

  it("shows a member with their memberships, charges and the last three months' reading", async () => {
    const res = await get('/api/members/m-ada').expect(200);
    expect(res.body).toMatchObject({ id: 'm-ada', name: 'Ada Lovelace', country: 'GB' });
    expect(res.body.memberships).toEqual([
      { id: 'ms-ada-2', plan: 'annual', tier: 'friend', startedAt: '2025-03-01T00:00:00.000Z', endedAt: null },
      { id: 'ms-ada-1', plan: 'monthly', tier: 'member', startedAt: '2024-03-01T00:00:00.000Z', endedAt: '2025-03-01T00:00:00.000Z' },
    ]);
    expect(res.body.charges).toEqual([
      {
        id: 'ch-ada-1',
        plan: 'annual',
        coversFrom: '2025-03-01',
        chargedAt: '2025-03-01T08:00:00.000Z',
        grossCents: 6000,
        feeCents: 300,
        netCents: 5700,
        status: 'paid',
      },
    ]);
    expect(res.body.reading).toEqual([
      { period: thisMonth, sessions: 2, activeSeconds: 150, stories: 2, authors: 1 },
      { period: lastMonth, sessions: 1, activeSeconds: 600, stories: 1, authors: 1 },
    ]);
    const quiet = await get('/api/members/m-bob').expect(200);
    expect(quiet.body).toMatchObject({ memberships: [], charges: [], reading: [] });
  });

  it('answers 404 for an unknown member or publication', async () => {
    expect((await get('/api/members/nobody').expect(404)).body.code).toBe('not_found');
    expect((await get('/api/publications/nothing').expect(404)).body.code).toBe('not_found');
  });

  it('lists and shows publications with their stories', async () => {
    const all = await list('publications', {}, curator).expect(200);
    expect(all.headers['content-range']).toBe('publications 0-1/2');
    expect(all.body).toEqual([
      { id: 'p-atlas', name: 'Atlas', storyCount: 0 },
      { id: 'p-river', name: 'River Review', storyCount: 2 },
    ]);
    const desc = await list('publications', { sort: ['id', 'DESC'], range: [0, 0] }, curator).expect(200);
    expect(desc.headers['content-range']).toBe('publications 0-0/2');
    expect(desc.body.map((p: { id: string }) => p.id)).toEqual(['p-river']);
    expect((await list('publications', { filter: { q: 'river' } }, curator).expect(200)).body.map((p: { id: string }) => p.id)).toEqual([
      'p-river',
    ]);

    const show = await get('/api/publications/p-river', curator).expect(200);
    expect(show.body).toEqual({
      id: 'p-river',
      name: 'River Review',
      storyCount: 2,
      stories: [
        {
          id: 's-2',
          title: 'Second',
          authorId: 'w-zed',
          authorName: 'Zed Writer',
          status: 'published',
          publishedAt: '2026-02-01T00:00:00.000Z',
          membersOnly: false,
        },
        {
          id: 's-1',
          title: 'First',
          authorId: 'w-zed',
          authorName: 'Zed Writer',
          status: 'published',
          publishedAt: '2026-01-01T00:00:00.000Z',
          membersOnly: true,
        },
      ],
    });
  });

  it('members are for reviewers, support and finance (personal data); publications for every staff role', async () => {
    expect((await get('/api/members', curator)).status).toBe(403);
    expect((await get('/api/members/m-ada', curator)).status).toBe(403);
    for (const role of ['reviewer', 'finance'] as const) expect((await get('/api/members', await t.tokenFor([role]))).status).toBe(200);
    expect((await get('/api/publications', support)).status).toBe(200);
  });
});
