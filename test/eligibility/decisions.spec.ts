import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { Fixtures } from './fixtures.js';

/** Acceptance 2 and 3: who may decide, approval only when all checks pass, and races between decisions. */
describe('application decisions', () => {
  let t: TestApp;
  let f: Fixtures;
  let reviewer: string;
  let reviewer2: string;
  let curator: string;
  let support: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t.db.pool);
    [reviewer, reviewer2, curator, support] = await Promise.all([
      t.tokenFor(['reviewer']),
      t.tokenFor(['reviewer']),
      t.tokenFor(['curator']),
      t.tokenFor(['support']),
    ]);
  });
  afterAll(() => t.close());

  const pending = async (name: string, opts: { country?: string } = {}) => {
    const key = await f.eligibleWriter(name);
    await f.application(`app-${name}`, key, opts);
    await t.http.post(`/api/applications/app-${name}/recheck`).set(as(reviewer)).expect(200);
    return `app-${name}`;
  };
  const count = async (sql: string, params: unknown[] = []) => (await t.db.pool.query(sql, params)).rows[0].n as number;

  it('curator and support accounts get 403 on every reviewer action (and on reading applications)', async () => {
    const id = await pending('forbidden');
    const key = await f.eligibleWriter('forbidden-partner');
    await t.db.pool.query(
      `INSERT INTO enrollments (id, member_key, enrolled_at) VALUES ('enr-hist-forbidden', $1, now() - interval '1 year')`,
      [key],
    );
    const calls = [
      () => t.http.get('/api/applications'),
      () => t.http.get(`/api/applications/${id}`),
      () => t.http.post('/api/applications').send({ memberId: 'forbidden', country: 'FR' }),
      () => t.http.post(`/api/applications/${id}/approve`),
      () => t.http.post(`/api/applications/${id}/reject`).send({ reason: 'policy', note: 'n' }),
      () => t.http.post(`/api/applications/${id}/recheck`),
      () => t.http.post('/api/applications/bulk-approve').send({ filter: {} }),
      ...(['suspend', 'reinstate', 'remove', 'leave'] as const).map(
        (verb) => () => t.http.post(`/api/partners/forbidden-partner/${verb}`).send({ reason: 'r' }),
      ),
    ];
    for (const token of [curator, support]) {
      for (const call of calls) {
        const res = await call().set(as(token));
        expect({ url: res.request.url, status: res.status, code: res.body.code }).toEqual({
          url: res.request.url,
          status: 403,
          code: 'forbidden',
        });
      }
    }
    // nothing changed
    expect((await t.http.get(`/api/applications/${id}`).set(as(reviewer)).expect(200)).body.status).toBe('pending');
    expect(await count(`SELECT count(*)::int AS n FROM partner_status_changes`)).toBe(0);
    // support may read partners, not act on them
    await t.http.get('/api/partners/forbidden-partner').set(as(support)).expect(200);
  });

  it('a failing application cannot be approved: 422 naming the failed checks, nothing written', async () => {
    const id = await pending('failing', { country: 'ZZ' });
    await t.db.pool.query(`UPDATE memberships SET ended_at = now() - interval '1 day' WHERE id = 'ms-failing'`);
    const res = await t.http.post(`/api/applications/${id}/approve`).set(as(reviewer)).expect(422);
    expect(res.body).toMatchObject({
      code: 'rule_violation',
      details: {
        rule: 'all_checks_pass',
        details: { failedChecks: ['member', 'country'], suggestedRejectReasons: ['not_member', 'unsupported_country'] },
      },
    });
    expect(res.body.message).toMatch(
      /fails member \(membership ms-failing ended .*\); country \(country ZZ is not on the supported list\)/,
    );
    const after = (await t.http.get(`/api/applications/${id}`).set(as(reviewer)).expect(200)).body;
    expect(after.status).toBe('pending');
    expect(await count(`SELECT count(*)::int AS n FROM enrollments e JOIN members m ON m.key = e.member_key WHERE m.id = 'failing'`)).toBe(
      0,
    );
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'application.approve'`, [id])).toBe(0);
  });

  it('approves a passing one: enrollment from now, an active partner, audited', async () => {
    const id = await pending('ok');
    const res = await t.http.post(`/api/applications/${id}/approve`).set(as(reviewer)).expect(200);
    expect(res.body).toMatchObject({
      id,
      status: 'approved',
      memberId: 'ok',
      enrollmentId: `enr_${id}`,
      decidedByEmail: expect.stringContaining('reviewer'),
    });
    const { rows } = await t.db.pool.query(
      `SELECT id, enrolled_at, left_at, now() - enrolled_at < interval '1 minute' AS recent FROM enrollments WHERE id = $1`,
      [`enr_${id}`],
    );
    expect(rows).toEqual([expect.objectContaining({ id: `enr_${id}`, left_at: null, recent: true })]);
    const partner = (await t.http.get('/api/partners/ok').set(as(reviewer)).expect(200)).body;
    expect(partner).toMatchObject({ id: 'ok', status: 'active', enrollmentId: `enr_${id}`, leftAt: null });
    expect(partner.history).toEqual([
      expect.objectContaining({ status: 'active', reason: `application ${id} approved`, applicationId: id }),
    ]);
    const audit = await t.db.pool.query(
      `SELECT actor_email, after FROM audit_log WHERE entity_id = $1 AND action = 'application.approve'`,
      [id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({ after: expect.objectContaining({ status: 'approved', enrollmentId: `enr_${id}` }) }),
    ]);
    // a decided application stays decided
    const again = await t.http
      .post(`/api/applications/${id}/reject`)
      .set(as(reviewer))
      .send({ reason: 'policy', note: 'late' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'conflict', details: { status: 'approved' } });
  });

  it('two simultaneous approvals of one application: one 200, one 409, one enrollment', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await pending(`race-${round}`);
      const results = await Promise.all([
        t.http.post(`/api/applications/${id}/approve`).set(as(reviewer)),
        t.http.post(`/api/applications/${id}/approve`).set(as(reviewer2)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'conflict', details: { status: 'approved' } });
      expect(
        await count(`SELECT count(*)::int AS n FROM enrollments e JOIN members m ON m.key = e.member_key WHERE m.id = $1`, [
          `race-${round}`,
        ]),
      ).toBe(1);
      expect(
        await count(`SELECT count(*)::int AS n FROM partner_status_changes p JOIN members m ON m.key = p.member_key WHERE m.id = $1`, [
          `race-${round}`,
        ]),
      ).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'application.approve'`, [id])).toBe(1);
    }
  });

  it('approve racing reject: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await pending(`race-rj-${round}`);
      const [a, r] = await Promise.all([
        t.http.post(`/api/applications/${id}/approve`).set(as(reviewer)),
        t.http.post(`/api/applications/${id}/reject`).set(as(reviewer2)).send({ reason: 'policy', note: 'AI writing' }),
      ]);
      expect([a.status, r.status].sort()).toEqual([200, 409]);
      const final = (await t.http.get(`/api/applications/${id}`).set(as(reviewer)).expect(200)).body.status;
      expect(final).toBe(a.status === 200 ? 'approved' : 'rejected');
      expect(await count(`SELECT count(*)::int AS n FROM enrollments WHERE id = $1`, [`enr_${id}`])).toBe(a.status === 200 ? 1 : 0);
    }
  });

  it('rejects with a reason code and a note (400 when either is missing or unknown)', async () => {
    const id = await pending('rejected');
    const bad = await t.http.post(`/api/applications/${id}/reject`).set(as(reviewer)).send({ reason: 'rude' }).expect(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['note', 'reason']);
    const res = await t.http
      .post(`/api/applications/${id}/reject`)
      .set(as(reviewer))
      .send({ reason: 'policy', note: 'undisclosed AI writing' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'rejected', rejectReason: 'policy', note: 'undisclosed AI writing', enrollmentId: null });
    const audit = await t.db.pool.query(`SELECT reason, after FROM audit_log WHERE entity_id = $1 AND action = 'application.reject'`, [id]);
    expect(audit.rows).toEqual([
      { reason: 'policy', after: { status: 'rejected', rejectReason: 'policy', note: 'undisclosed AI writing' } },
    ]);
    await t.http.post(`/api/applications/${id}/recheck`).set(as(reviewer)).expect(409);
    // a rejected writer may apply again
    const again = await t.http
      .post('/api/applications')
      .set(as(reviewer))
      .send({ memberId: 'rejected', country: 'FR', birthDate: '1990-01-01' })
      .expect(201);
    expect(again.body).toMatchObject({ status: 'pending', eligible: true });
  });

  it('404 for an unknown application on every action', async () => {
    await t.http.get('/api/applications/nope').set(as(reviewer)).expect(404);
    for (const verb of ['approve', 'recheck']) await t.http.post(`/api/applications/nope/${verb}`).set(as(reviewer)).expect(404);
    await t.http.post('/api/applications/nope/reject').set(as(reviewer)).send({ reason: 'other', note: 'x' }).expect(404);
  });

  it('lists follow the dialect: filters status, country, failingCheck, submittedAt range, memberId, q; oldest first', async () => {
    const k1 = await f.eligibleWriter('list-a');
    const k2 = await f.eligibleWriter('list-b');
    const k3 = await f.member('list-c', { birthDate: '2012-01-01' });
    await f.application('list-app-a', k1, { submittedAt: `now() - interval '3 days'` });
    await f.application('list-app-b', k2, { country: 'ZZ', submittedAt: `now() - interval '2 days'` });
    await f.application('list-app-c', k3, { country: 'ZZ', birthDate: null, submittedAt: `now() - interval '40 days'` });
    for (const id of ['list-app-a', 'list-app-b', 'list-app-c'])
      await t.http.post(`/api/applications/${id}/recheck`).set(as(reviewer)).expect(200);

    const list = (filter: object, sort?: [string, string]) =>
      t.http
        .get('/api/applications')
        .query({
          filter: JSON.stringify({ id: ['list-app-a', 'list-app-b', 'list-app-c'], ...filter }),
          ...(sort ? { sort: JSON.stringify(sort) } : {}),
        })
        .set(as(reviewer))
        .expect(200);
    const ids = (res: { body: Array<{ id: string }> }) => res.body.map((r) => r.id);

    const all = await list({});
    expect(ids(all)).toEqual(['list-app-c', 'list-app-a', 'list-app-b']); // oldest submission first
    expect(all.headers['content-range']).toBe('applications 0-2/3');
    expect(all.body[0]).toMatchObject({
      id: 'list-app-c',
      memberId: 'list-c',
      memberUsername: 'list-c',
      country: 'ZZ',
      status: 'pending',
      eligible: false,
    });
    expect(all.body[0]).not.toHaveProperty('member_key');
    expect(ids(await list({}, ['submittedAt', 'DESC']))).toEqual(['list-app-b', 'list-app-a', 'list-app-c']);
    expect(ids(await list({ country: 'ZZ' }))).toEqual(['list-app-c', 'list-app-b']);
    expect(ids(await list({ failingCheck: 'country' }))).toEqual(['list-app-c', 'list-app-b']);
    expect(ids(await list({ failingCheck: 'age' }))).toEqual(['list-app-c']);
    expect(ids(await list({ failingCheck: ['age', 'member'] }))).toEqual(['list-app-c']);
    expect(ids(await list({ eligible: true }))).toEqual(['list-app-a']);
    const since = new Date(Date.now() - 10 * 86400_000).toISOString();
    expect(ids(await list({ submittedAt_gte: since }))).toEqual(['list-app-a', 'list-app-b']);
    expect(ids(await list({ submittedAt_lte: since }))).toEqual(['list-app-c']);
    expect(ids(await list({ memberId: 'list-b' }))).toEqual(['list-app-b']);
    expect(ids(await list({ q: 'Writer list-a' }))).toEqual(['list-app-a']);
    expect(ids(await list({ status: 'approved' }))).toEqual([]);

    const badFilter = await t.http
      .get('/api/applications')
      .query({ filter: JSON.stringify({ failingCheck: 'money' }) })
      .set(as(reviewer))
      .expect(400);
    expect(badFilter.body.details).toEqual([
      { field: 'filter.failingCheck', message: expect.stringContaining('member, recentStory, country, age') },
    ]);
    await t.http
      .get('/api/applications')
      .query({ filter: JSON.stringify({ member_key: 1 }) })
      .set(as(reviewer))
      .expect(400);
    await t.http
      .get('/api/applications')
      .query({ sort: JSON.stringify(['checks', 'ASC']) })
      .set(as(reviewer))
      .expect(400);
  });
});
