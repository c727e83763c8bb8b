import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '../../libs/core/src/index.js';
import { MAX_REASON_LENGTH } from '../../libs/core/src/text-limits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { CurationFixtures } from './fixtures.js';

const DAY_MS = 86_400_000;
/** The fields a 400 names (a field can break several constraints). */
const fields = (res: { body: { details: { field: string }[] } }) => [...new Set(res.body.details.map((d) => d.field))];

/** Acceptance 2 and 3: boost and decline are final, ending a boost shortens the window the payout run reads, only curators and admins decide. */
describe('curator decisions', () => {
  let t: TestApp;
  let f: CurationFixtures;
  let curator: string;
  let curator2: string;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    f = new CurationFixtures(t);
    curator = await t.tokenFor(['curator']);
    curator2 = await t.tokenFor(['curator']);
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const boostRows = async (storyKey: number) =>
    (
      await t.db.pool.query(`SELECT id, starts_at, ends_at, source, end_reason FROM boosts WHERE story_key = $1 ORDER BY starts_at`, [
        storyKey,
      ])
    ).rows;
  const auditOf = async (entityId: string) =>
    (
      await t.db.pool.query(`SELECT action, actor_email, reason, before, after, at FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
        entityId,
      ])
    ).rows;

  it('boost creates a boostDays-long window from now; the decision is final (409 for a second boost or a decline)', async () => {
    const nom = await f.pendingNomination();
    const before = Date.now();
    const res = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).send({ note: 'great piece' }).expect(200);
    const after = Date.now();
    expect(res.body).toMatchObject({ id: nom.id, status: 'boosted', note: 'great piece', storyId: nom.storyId });
    expect(res.body.boostId).toMatch(/^boost_[0-9a-f-]{36}$/);
    const [row] = await boostRows(nom.story);
    expect(row).toMatchObject({ id: res.body.boostId, source: 'nomination', end_reason: null });
    expect(row.starts_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.starts_at.getTime()).toBeLessThanOrEqual(after);
    expect(row.ends_at.getTime() - row.starts_at.getTime()).toBe(14 * DAY_MS);

    const again = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator2)).expect(409);
    expect(again.body).toMatchObject({ code: 'conflict', details: { status: 'boosted' } });
    await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator2)).send({ reason: 'clickbait' }).expect(409);
    expect(await boostRows(nom.story)).toHaveLength(1);
    expect((await auditOf(nom.id)).map((a) => a.action)).toEqual(['nomination.evaluate', 'nomination.boost']);
    const [created] = await auditOf(res.body.boostId);
    expect(created).toMatchObject({ action: 'boost.create', after: { id: res.body.boostId, source: 'nomination', nominationId: nom.id } });

    const boost = await t.http.get(`/api/boosts/${res.body.boostId}`).set(as(curator)).expect(200);
    expect(boost.body).toMatchObject({
      storyId: nom.storyId,
      state: 'active',
      source: 'nomination',
      nominationId: nom.id,
      endedEarly: false,
    });
    // who decided, by email as well as id
    const decided = await t.http.get(`/api/nominations/${nom.id}`).set(as(curator)).expect(200);
    expect(decided.body.decidedByEmail).toMatch(/@test\.example$/);
    expect(boost.body.boostedByEmail).toBe(decided.body.decidedByEmail);
  });

  it('decline records the guideline reason and note; the decision is final', async () => {
    const nom = await f.pendingNomination();
    const res = await t.http
      .post(`/api/nominations/${nom.id}/decline`)
      .set(as(curator))
      .send({ reason: 'sponsored', note: 'paid placement' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'sponsored', note: 'paid placement', boostId: null });
    await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'meta' }).expect(409);
    await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).expect(409);
    expect(await boostRows(nom.story)).toHaveLength(0);
    const entries = await auditOf(nom.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'nomination.decline',
      reason: 'sponsored: paid placement',
      before: { status: 'pending' },
      after: { status: 'declined' },
    });
  });

  it('a refused nomination cannot be decided (409); an unknown one is a 404; bad input is a 400 naming the field', async () => {
    const pub = await f.publication();
    const story = await f.story({ author: await f.member(), publication: pub, aiDisclosed: true });
    await f.intake([{ id: 'refused-1', story, nominator: await f.member(), publication: pub, at: `now()` }]);
    await t.http.post(`/api/nominations/refused-1/boost`).set(as(curator)).expect(409);
    await t.http.post(`/api/nominations/nope/boost`).set(as(curator)).expect(404);
    await t.http.post(`/api/nominations/nope/decline`).set(as(curator)).send({ reason: 'meta' }).expect(404);
    const nom = await f.pendingNomination();
    const bad = await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'boring' }).expect(400);
    expect(fields(bad)).toEqual(['reason']);
    const noNote = await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'other' }).expect(400);
    expect(fields(noNote)).toEqual(['note']);
    // One message, in words, whichever rule fails (no field names or validator wording).
    expect(noNote.body.details).toEqual([{ field: 'note', message: 'note: write a note saying why: a decline for “other” needs one' }]);
    for (const note of ['', '   ']) {
      const blank = await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'other', note }).expect(400);
      expect(blank.body.message).toBe('note: write a note saying why: a decline for “other” needs one');
    }
    const long = await t.http
      .post(`/api/nominations/${nom.id}/decline`)
      .set(as(curator))
      .send({ reason: 'meta', note: 'x'.repeat(MAX_REASON_LENGTH + 1) })
      .expect(400);
    expect(long.body.message).toBe(`note: shorten the note to at most ${MAX_REASON_LENGTH} characters (it has ${MAX_REASON_LENGTH + 1})`);
    await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'meta', note: null }).expect(400);
    const extra = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).send({ days: 30 }).expect(400);
    expect(fields(extra)).toEqual(['days']);
    expect((await f.status(nom.id)).status).toBe('pending');
  });

  it('two curators acting on one nomination at once: one wins, the other gets 409, one boost row', async () => {
    for (let round = 0; round < 5; round++) {
      const nom = await f.pendingNomination();
      const results = await Promise.all([
        t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)),
        t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator2)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await boostRows(nom.story)).toHaveLength(1);
      expect((await auditOf(nom.id)).filter((a) => a.action === 'nomination.boost')).toHaveLength(1);
    }
    // a boost racing a decline: exactly one decision lands
    const nom = await f.pendingNomination();
    const [b, d] = await Promise.all([
      t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)),
      t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator2)).send({ reason: 'explicit' }),
    ]);
    expect([b.status, d.status].sort()).toEqual([200, 409]);
    const final = await f.status(nom.id);
    expect(final.status).toBe(b.status === 200 ? 'boosted' : 'declined');
    expect(await boostRows(nom.story)).toHaveLength(b.status === 200 ? 1 : 0);
  });

  it('a story that changed since its nomination cannot be boosted (422 naming the rule); the nomination stays pending', async () => {
    const nom = await f.pendingNomination();
    await t.db.pool.query(`UPDATE stories SET status = 'deleted' WHERE key = $1`, [nom.story]);
    const res = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).expect(422);
    expect(res.body).toMatchObject({ code: 'rule_violation', details: { rule: 'story_not_published' } });
    expect((await f.status(nom.id)).status).toBe('pending');
    expect(await boostRows(nom.story)).toHaveLength(0);
    await t.http.post(`/api/nominations/${nom.id}/decline`).set(as(curator)).send({ reason: 'rules_violation' }).expect(200);
  });

  it('ending a boost early: the window ends at the moment it was ended, so the payout run sees the shortened window', async () => {
    const nom = await f.pendingNomination();
    const { body: boosted } = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).expect(200);
    const [original] = await boostRows(nom.story);
    const before = Date.now();
    const res = await t.http.post(`/api/boosts/${boosted.boostId}/end`).set(as(curator2)).send({ reason: 'author asked' }).expect(200);
    const after = Date.now();
    const [ended] = await boostRows(nom.story);
    expect(ended.end_reason).toBe('author asked');
    expect(ended.starts_at).toEqual(original.starts_at);
    expect(ended.ends_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(ended.ends_at.getTime()).toBeLessThanOrEqual(after);
    // the moment of the end is the audit entry's moment (same transaction), to the microsecond
    const endEntry = (await auditOf(boosted.boostId)).find((a) => a.action === 'boost.end')!;
    expect(endEntry).toMatchObject({ reason: 'author asked', before: { endReason: null }, after: { endReason: 'author asked' } });
    const same = await t.db.pool.query(
      `SELECT b.ends_at = a.at AS same FROM boosts b JOIN audit_log a ON a.entity_id = b.id AND a.action = 'boost.end' WHERE b.id = $1`,
      [boosted.boostId],
    );
    expect(same.rows).toEqual([{ same: true }]);
    expect(res.body).toMatchObject({ state: 'ended', endedEarly: true, endReason: 'author asked', endsAt: ended.ends_at.toISOString() });
    expect(new Date(res.body.scheduledEndsAt)).toEqual(original.ends_at);
    expect(new Date(res.body.endedAt)).toEqual(ended.ends_at);

    // The payout run's containment test (earnings.md: half-open [startsAt, endsAt)): a reading
    // session a microsecond before the end is boosted; one at the end, or 3 days later (still
    // inside the original 14 days), is not.
    const reader = await f.member();
    for (const [id, when] of [
      ['ses-before', `ends_at - interval '1 microsecond'`],
      ['ses-at', `ends_at`],
      ['ses-later', `ends_at + interval '3 days'`],
    ] as const) {
      await t.db.pool.query(
        `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
         SELECT $1, story_key, $2, ${when}, 600, 'read' FROM boosts WHERE id = $3`,
        [id, reader, boosted.boostId],
      );
    }
    const { rows } = await t.db.pool.query(
      `SELECT se.id, EXISTS (SELECT 1 FROM boosts b WHERE b.story_key = se.story_key AND b.starts_at <= se.started_at AND se.started_at < b.ends_at) AS boosted,
              se.started_at < d.scheduled_ends_at AS "inOriginalWindow"
       FROM sessions se JOIN boost_decisions d ON d.boost_id = $2 WHERE se.story_key = $1 ORDER BY se.started_at`,
      [nom.story, boosted.boostId],
    );
    expect(rows).toEqual([
      { id: 'ses-before', boosted: true, inOriginalWindow: true },
      { id: 'ses-at', boosted: false, inOriginalWindow: true },
      { id: 'ses-later', boosted: false, inOriginalWindow: true },
    ]);

    // ending is final too
    const again = await t.http.post(`/api/boosts/${boosted.boostId}/end`).set(as(curator)).send({ reason: 'again' }).expect(409);
    expect(again.body.code).toBe('conflict');
    expect((await boostRows(nom.story))[0].ends_at).toEqual(ended.ends_at);
  });

  it('two curators ending one boost at once: one wins, the other gets 409; the window keeps the winner’s end', async () => {
    const nom = await f.pendingNomination();
    const { body } = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(curator)).expect(200);
    const results = await Promise.all([
      t.http.post(`/api/boosts/${body.boostId}/end`).set(as(curator)).send({ reason: 'one' }),
      t.http.post(`/api/boosts/${body.boostId}/end`).set(as(curator2)).send({ reason: 'two' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const [row] = await boostRows(nom.story);
    expect(row.end_reason).toBe(winner.body.endReason);
    expect(row.ends_at.toISOString()).toBe(winner.body.endsAt);
  });

  it('imported windows: an active one can be ended, an ended one is a 409, an upcoming one a 422, an unknown one a 404', async () => {
    const pub = await f.publication();
    const story = await f.story({ author: await f.member(), publication: pub });
    const active = await f.importedBoost(story, `now() - interval '2 days'`, `now() + interval '12 days'`, 'imp-active');
    const past = await f.importedBoost(story, `now() - interval '60 days'`, `now() - interval '46 days'`, 'imp-past');
    const upcoming = await f.importedBoost(story, `now() + interval '2 days'`, `now() + interval '16 days'`, 'imp-upcoming');
    const res = await t.http.post(`/api/boosts/${active}/end`).set(as(curator)).send({ reason: 'policy' }).expect(200);
    expect(res.body).toMatchObject({ state: 'ended', endedEarly: true, boostedBy: null, endReason: 'policy' });
    expect(new Date(res.body.scheduledEndsAt).getTime()).toBeGreaterThan(new Date(res.body.endsAt).getTime());
    await t.http.post(`/api/boosts/${past}/end`).set(as(curator)).send({ reason: 'policy' }).expect(409);
    const up = await t.http.post(`/api/boosts/${upcoming}/end`).set(as(curator)).send({ reason: 'policy' }).expect(422);
    expect(up.body.details.rule).toBe('boost_not_started');
    await t.http.post(`/api/boosts/nope/end`).set(as(curator)).send({ reason: 'policy' }).expect(404);
    const noReason = await t.http.post(`/api/boosts/${upcoming}/end`).set(as(curator)).send({}).expect(400);
    expect(fields(noReason)).toEqual(['reason']);
  });

  it('a curator boosts a story nobody nominated (same story rules, 422 naming the rule)', async () => {
    const pub = await f.publication();
    const author = await f.member();
    const story = await f.story({ author, publication: pub, title: 'Unnominated gem' });
    const storyId = await f.storyId(story);
    const res = await t.http
      .post(`/api/stories/${storyId}/boost`)
      .set(as(curator))
      .send({ reason: 'found it on the front page' })
      .expect(201);
    expect(res.body).toMatchObject({
      storyId,
      source: 'curator',
      state: 'active',
      boostReason: 'found it on the front page',
      nominationId: null,
    });
    expect(new Date(res.body.endsAt).getTime() - new Date(res.body.startsAt).getTime()).toBe(14 * DAY_MS);
    expect((await auditOf(res.body.id)).map((a) => [a.action, a.reason])).toEqual([['boost.create', 'found it on the front page']]);

    const rule = async (key: number) =>
      (
        await t.http
          .post(`/api/stories/${await f.storyId(key)}/boost`)
          .set(as(curator))
          .send({})
          .expect(422)
      ).body.details.rule;
    expect(await rule(story)).toBe('already_boosted');
    expect(await rule(await f.story({ author, publication: pub, aiDisclosed: true }))).toBe('ai_disclosed');
    expect(await rule(await f.story({ author, publication: pub, status: 'unlisted' }))).toBe('story_not_published');
    expect(await rule(await f.story({ author, publication: null, publishedAt: `now() - interval '6 months' - interval '1 minute'` }))).toBe(
      'story_too_old',
    );
    const nominated = await f.pendingNomination({ publication: pub, author });
    expect(await rule(nominated.story)).toBe('already_nominated');
    // at the age boundary (a minute under 6 months) it is still boostable
    const young = await f.story({ author, publication: null, publishedAt: `now() - interval '6 months' + interval '1 minute'` });
    await t.http
      .post(`/api/stories/${await f.storyId(young)}/boost`)
      .set(as(curator))
      .expect(201);
    await t.http.post(`/api/stories/nope/boost`).set(as(curator)).expect(404);
  });

  it('only curators and admins decide: every other role gets 403 and nothing changes', async () => {
    const nom = await f.pendingNomination();
    const { body: story } = await t.http.get(`/api/stories/${nom.storyId}`).set(as(curator)).expect(200);
    const other = await f.pendingNomination();
    const { body: boosted } = await t.http.post(`/api/nominations/${other.id}/boost`).set(as(curator)).expect(200);
    for (const role of ['reviewer', 'support', 'finance'] as Role[]) {
      const token = await t.tokenFor([role]);
      for (const req of [
        t.http.post(`/api/nominations/${nom.id}/boost`),
        t.http.post(`/api/nominations/${nom.id}/decline`).send({ reason: 'meta' }),
        t.http.post(`/api/stories/${story.id}/boost`),
        t.http.post(`/api/boosts/${boosted.boostId}/end`).send({ reason: 'x' }),
      ]) {
        const res = await req.set(as(token));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      // reads: the boosts and stories are open to any staff, the queue to curators
      await t.http.get('/api/boosts').set(as(token)).expect(200);
      await t.http.get('/api/stories').set(as(token)).expect(200);
      await t.http.get('/api/nominations').set(as(token)).expect(403);
    }
    expect((await f.status(nom.id)).status).toBe('pending');
    expect((await boostRows(other.story))[0].end_reason).toBeNull();
    // admins decide too
    await t.http
      .post(`/api/nominations/${nom.id}/decline`)
      .set(as(admin))
      .send({ reason: 'other', note: 'duplicate of an older piece' })
      .expect(200);
    await t.http.post(`/api/boosts/${boosted.boostId}/end`).set(as(admin)).send({ reason: 'admin ended it' }).expect(200);
  });
});
