import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CurationFixtures } from '../boost-curation/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('earnings parameters', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('starts from the spec defaults and versions every change, audited', async () => {
    const { body: current } = await t.http.get('/api/earnings-parameters/current').set(auth(admin)).expect(200);
    expect(current).toMatchObject({
      version: 0,
      params: { writerShareBps: 5000, boostDays: 14, minPayoutCents: 1000, followerBps: 12500 },
    });
    const { body: changed } = await t.http
      .put('/api/earnings-parameters/current')
      .set(auth(admin))
      .send({ boostDays: 7, minPayoutCents: 2000 })
      .expect(200);
    expect(changed).toMatchObject({ version: 1, params: { boostDays: 7, minPayoutCents: 2000, writerShareBps: 5000 } });
    const { body: history } = await t.http.get('/api/earnings-parameters').set(auth(admin)).expect(200);
    expect(history.map((v: { version: number }) => v.version)).toEqual([1]);
    // Who changed what, from → to; the first stored set is compared with the defaults.
    expect(history[0]).toMatchObject({
      createdByEmail: 'admin@test.example',
      createdByName: expect.any(String),
      changes: [
        { field: 'minPayoutCents', from: 1000, to: 2000 },
        { field: 'boostDays', from: 14, to: 7 },
      ],
    });
    await t.http.put('/api/earnings-parameters/current').set(auth(admin)).send({ writerShareBps: 4500 }).expect(200);
    const { body: later } = await t.http.get('/api/earnings-parameters').set(auth(admin)).expect(200);
    expect(later.map((v: { version: number; changes: unknown[] }) => [v.version, v.changes])).toEqual([
      [2, [{ field: 'writerShareBps', from: 5000, to: 4500 }]],
      [1, history[0].changes],
    ]);
    await t.http.put('/api/earnings-parameters/current').set(auth(admin)).send({ writerShareBps: 5000 }).expect(200);
    const { rows } = await t.db.pool.query(`SELECT before, after FROM audit_log WHERE action = 'earnings-parameters.update'`);
    expect(rows[0]).toEqual({ before: expect.objectContaining({ boostDays: 14 }), after: expect.objectContaining({ boostDays: 7 }) });
  });

  it('refuses bad values with 400 naming the field, and inconsistent ones with 422', async () => {
    const bad = await t.http
      .put('/api/earnings-parameters/current')
      .set(auth(admin))
      .send({ writerShareBps: 1.5, boostDays: -1 })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(expect.arrayContaining(['boostDays', 'writerShareBps']));
    const rule = await t.http.put('/api/earnings-parameters/current').set(auth(admin)).send({ readRatioMinBps: 16000 }).expect(422);
    expect(rule.body.details.rule).toBe('read_ratio_bounds');
  });

  it('a new boost window lasts the current boostDays', async () => {
    const f = new CurationFixtures(t);
    const author = await f.member();
    const story = await f.story({ author, publication: null });
    const curator = await t.tokenFor(['curator']);
    await t.http
      .post(`/api/stories/${await f.storyId(story)}/boost`)
      .set(auth(curator))
      .send({})
      .expect(201);
    const { rows } = await t.db.pool.query(
      `SELECT extract(epoch FROM ends_at - starts_at)::int AS seconds FROM boosts WHERE story_key = $1`,
      [story],
    );
    expect(rows).toEqual([{ seconds: 7 * 86400 }]);
  });
});
