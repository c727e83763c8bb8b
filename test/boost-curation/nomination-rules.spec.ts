import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { at, CurationFixtures } from './fixtures.js';

/**
 * Acceptance 1: each refusal rule at its boundary, through the intake hook (the way intake
 * runs it: insert, then the hook, in one transaction). The rules are relative to each
 * nomination's nominated_at, so fixed timestamps are used throughout.
 */
describe('nomination acceptance rules (intake hook)', () => {
  let t: TestApp;
  let f: CurationFixtures;
  let curator: string;
  let n = 0;
  const nid = () => `nr-${++n}`;

  beforeAll(async () => {
    t = await startTestApp();
    f = new CurationFixtures(t);
    curator = await t.tokenFor(['curator']);
  });
  afterAll(() => t.close());

  /** One nomination of a fresh nominator (so that no limit is involved). */
  const nominateOnce = async (story: number, publication: number, when: string) => {
    const id = nid();
    await f.intake([{ id, story, nominator: await f.member(), publication, at: when }]);
    return f.status(id);
  };

  it('a story exactly 6 calendar months old is accepted; a microsecond older is refused story_too_old', async () => {
    const pub = await f.publication();
    const author = await f.member();
    const exactly = await f.story({ author, publication: pub, publishedAt: at('2025-09-15T12:00:00Z') });
    const older = await f.story({ author, publication: pub, publishedAt: at('2025-09-15T11:59:59.999999Z') });
    expect(await nominateOnce(exactly, pub, at('2026-03-15T12:00:00Z'))).toEqual({ status: 'pending', refusalReason: null });
    expect(await nominateOnce(older, pub, at('2026-03-15T12:00:00Z'))).toEqual({ status: 'refused', refusalReason: 'story_too_old' });
    // Calendar months, in UTC: 6 months before 31 August is 28 February.
    const endOfFeb = await f.story({ author, publication: pub, publishedAt: at('2026-02-28T00:00:00Z') });
    const beforeThat = await f.story({ author, publication: pub, publishedAt: at('2026-02-27T23:59:59Z') });
    expect((await nominateOnce(endOfFeb, pub, at('2026-08-31T00:00:00Z'))).status).toBe('pending');
    expect((await nominateOnce(beforeThat, pub, at('2026-08-31T00:00:00Z'))).refusalReason).toBe('story_too_old');
  });

  it('refuses an unlisted, deleted or draft story (story_not_published)', async () => {
    const pub = await f.publication();
    const author = await f.member();
    for (const status of ['unlisted', 'deleted']) {
      const story = await f.story({ author, publication: pub, status });
      expect(await nominateOnce(story, pub, `now()`)).toEqual({ status: 'refused', refusalReason: 'story_not_published' });
    }
    const draft = await f.story({ author, publication: pub, status: 'draft', publishedAt: null });
    expect((await nominateOnce(draft, pub, `now()`)).refusalReason).toBe('story_not_published');
  });

  it("refuses a story outside the nominator's publication (wrong_publication)", async () => {
    const [pub, other] = [await f.publication(), await f.publication()];
    const author = await f.member();
    const elsewhere = await f.story({ author, publication: other });
    const none = await f.story({ author, publication: null });
    expect((await nominateOnce(elsewhere, pub, `now()`)).refusalReason).toBe('wrong_publication');
    expect((await nominateOnce(none, pub, `now()`)).refusalReason).toBe('wrong_publication');
    expect((await nominateOnce(elsewhere, other, `now()`)).status).toBe('pending');
  });

  it('refuses an AI-disclosed story (ai_disclosed)', async () => {
    const pub = await f.publication();
    const story = await f.story({ author: await f.member(), publication: pub, aiDisclosed: true });
    expect(await nominateOnce(story, pub, `now()`)).toEqual({ status: 'refused', refusalReason: 'ai_disclosed' });
  });

  it('refuses a story already nominated, reviewed or boosted; a refused nomination does not count', async () => {
    const pub = await f.publication();
    const author = await f.member();
    // pending → a second nomination is refused
    const s1 = await f.story({ author, publication: pub });
    expect((await nominateOnce(s1, pub, `now() - interval '2 hours'`)).status).toBe('pending');
    expect((await nominateOnce(s1, pub, `now() - interval '1 hour'`)).refusalReason).toBe('already_nominated');
    // the same story twice in one batch: the earlier one wins, whatever the order of the ids
    const s2 = await f.story({ author, publication: pub });
    const [early, late] = [nid(), nid()];
    await f.intake(
      [
        { id: late, story: s2, nominator: await f.member(), publication: pub, at: `now() - interval '1 hour'` },
        { id: early, story: s2, nominator: await f.member(), publication: pub, at: `now() - interval '2 hours'` },
      ],
      [late, early],
    );
    expect(await f.statuses([early, late])).toEqual({ [early]: 'pending', [late]: 'already_nominated' });
    // declined (reviewed) → refused
    const s3 = await f.story({ author, publication: pub });
    const first = nid();
    await f.intake([{ id: first, story: s3, nominator: await f.member(), publication: pub, at: `now() - interval '3 hours'` }]);
    await t.http
      .post(`/api/nominations/${first}/decline`)
      .set('Authorization', `Bearer ${curator}`)
      .send({ reason: 'clickbait' })
      .expect(200);
    expect((await nominateOnce(s3, pub, `now()`)).refusalReason).toBe('already_nominated');
    // boosted → already_boosted; a boost window from the history too
    const s4 = await f.story({ author, publication: pub });
    const boosted = nid();
    await f.intake([{ id: boosted, story: s4, nominator: await f.member(), publication: pub, at: `now() - interval '3 hours'` }]);
    await t.http.post(`/api/nominations/${boosted}/boost`).set('Authorization', `Bearer ${curator}`).expect(200);
    expect((await nominateOnce(s4, pub, `now()`)).refusalReason).toBe('already_boosted');
    const s5 = await f.story({ author, publication: pub });
    await f.importedBoost(s5, `now() - interval '60 days'`, `now() - interval '46 days'`);
    expect((await nominateOnce(s5, pub, `now()`)).refusalReason).toBe('already_boosted');
    // a refused nomination (wrong publication) does not block a later valid one
    const s6 = await f.story({ author, publication: pub });
    expect((await nominateOnce(s6, await f.publication(), `now() - interval '1 hour'`)).refusalReason).toBe('wrong_publication');
    expect((await nominateOnce(s6, pub, `now()`)).status).toBe('pending');
  });

  /** A valid story per nomination, so that only the limits decide. */
  const validStories = async (pub: number, count: number) => {
    const author = await f.member();
    const keys: number[] = [];
    for (let i = 0; i < count; i++) keys.push(await f.story({ author, publication: pub, publishedAt: at('2026-02-20T00:00:00Z') }));
    return keys;
  };

  it('weekly limit: the 5th nomination in 7 days is accepted, the 6th refused; the window is [t - 7 days, t)', async () => {
    const pub = await f.publication();
    const nominator = await f.member();
    const stories = await validStories(pub, 7);
    const times = [
      '2026-03-08T12:00:00Z', // exactly 7 days before the 6th: inside its window
      '2026-03-12T12:00:00Z',
      '2026-03-13T12:00:00Z',
      '2026-03-14T12:00:00Z',
      '2026-03-15T11:00:00Z', // 5th in 7 days
      '2026-03-15T12:00:00Z', // 6th
      '2026-03-15T12:00:00.000001Z', // the first has left the window, and the refused 6th does not count
    ];
    const ids = times.map(() => nid());
    // one nomination per intake call, as the live feed sends them
    for (const [i, when] of times.entries()) await f.intake([{ id: ids[i], story: stories[i], nominator, publication: pub, at: at(when) }]);
    const result = await f.statuses(ids);
    expect(ids.map((id) => result[id])).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'nominator_weekly_limit',
      'pending',
    ]);

    // The refused nomination carries its reason in the queue, filterable by it.
    const res = await t.http
      .get('/api/nominations')
      .query({ filter: JSON.stringify({ refusalReason: 'nominator_weekly_limit', id: ids }) })
      .set('Authorization', `Bearer ${curator}`)
      .expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: ids[5], status: 'refused', refusalReason: 'nominator_weekly_limit' });
    // and the evaluation is audited (system actor) with the reason
    const audit = await t.db.pool.query(
      `SELECT actor_email, reason, after FROM audit_log WHERE action = 'nomination.evaluate' AND entity_id = $1`,
      [ids[5]],
    );
    expect(audit.rows).toEqual([
      { actor_email: 'system', reason: 'nominator_weekly_limit', after: { status: 'refused', refusalReason: 'nominator_weekly_limit' } },
    ]);
  });

  it('monthly limit: the 20th nomination in a UTC calendar month is accepted, the 21st refused (one batch, any id order)', async () => {
    const pub = await f.publication();
    const nominator = await f.member();
    const stories = await validStories(pub, 23);
    // 5 a week (never a 6th in any 7 days): days 1, 8, 15 and 22 of March, 5 each, minutes apart
    const times: string[] = [];
    for (let week = 0; week < 4; week++) {
      for (let i = 0; i < 5; i++) {
        const minute = String(week * 5 + i).padStart(2, '0');
        times.push(`2026-03-${String(1 + 7 * week).padStart(2, '0')}T00:${minute}:00Z`);
      }
    }
    times.push('2026-03-29T00:20:00Z'); // 21st in March (none of the last 7 days)
    times.push('2026-04-01T00:00:00Z'); // a new month
    const records = times.map((when, i) => ({ id: nid(), story: stories[i], nominator, publication: pub, at: at(when) }));
    // an earlier nomination in February (outside every March week) does not count toward March
    const feb = { id: nid(), story: stories[22], nominator, publication: pub, at: at('2026-02-21T23:59:59Z') };
    await f.intake([feb]);
    const shuffled = [...records].reverse();
    await f.intake(
      shuffled,
      shuffled.map((r) => r.id),
    );
    const result = await f.statuses(records.map((r) => r.id));
    const verdicts = records.map((r) => result[r.id]);
    expect(verdicts.slice(0, 20)).toEqual(Array(20).fill('pending'));
    expect(verdicts[20]).toBe('nominator_monthly_limit');
    expect(verdicts[21]).toBe('pending');
    expect((await f.status(feb.id)).status).toBe('pending');
  });

  it('the limits count nominations refused for a story rule, but not those refused for a limit', async () => {
    const pub = await f.publication();
    const nominator = await f.member();
    const good = await validStories(pub, 3);
    const author = await f.member();
    const bad: number[] = [];
    for (let i = 0; i < 4; i++)
      bad.push(await f.story({ author, publication: pub, aiDisclosed: true, publishedAt: at('2026-02-20T00:00:00Z') }));
    const plan = [
      [bad[0], '2026-03-10T00:00:00Z'],
      [bad[1], '2026-03-10T01:00:00Z'],
      [bad[2], '2026-03-10T02:00:00Z'],
      [bad[3], '2026-03-10T03:00:00Z'],
      [good[0], '2026-03-10T04:00:00Z'], // 5th: accepted
      [good[1], '2026-03-10T05:00:00Z'], // 6th: refused for the limit
      [good[2], '2026-03-17T00:30:00Z'], // only the first left the window: 4 count (not the refused 6th), so accepted
    ] as const;
    const records = plan.map(([story, when]) => ({ id: nid(), story, nominator, publication: pub, at: at(when) }));
    await f.intake(records);
    const result = await f.statuses(records.map((r) => r.id));
    expect(records.map((r) => result[r.id])).toEqual([
      'ai_disclosed',
      'ai_disclosed',
      'ai_disclosed',
      'ai_disclosed',
      'pending',
      'nominator_weekly_limit',
      'pending',
    ]);
  });

  it('decided nominations are final: re-running the hook leaves boosted and declined ones alone', async () => {
    const pub = await f.publication();
    const story = await f.story({ author: await f.member(), publication: pub });
    const id = nid();
    await f.intake([{ id, story, nominator: await f.member(), publication: pub, at: `now() - interval '1 hour'` }]);
    await t.http
      .post(`/api/nominations/${id}/decline`)
      .set('Authorization', `Bearer ${curator}`)
      .send({ reason: 'meta', note: 'about the platform' })
      .expect(200);
    await f.intake([], [id]);
    expect(await f.status(id)).toEqual({ status: 'declined', refusalReason: null });
  });
});
