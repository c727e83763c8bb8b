import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { Fixtures } from './fixtures.js';

/** Partners: status history with reasons; suspend, reinstate, remove, leave; re-application afterwards. */
describe('partners', () => {
  let t: TestApp;
  let f: Fixtures;
  let reviewer: string;
  let finance: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t.db.pool);
    reviewer = await t.tokenFor(['reviewer']);
    finance = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  const enroll = async (name: string) => {
    const key = await f.eligibleWriter(name);
    await f.application(`app-${name}`, key);
    await t.http.post(`/api/applications/app-${name}/approve`).set(as(reviewer)).expect(200);
    return key;
  };
  const act = (id: string, verb: string, reason: string) => t.http.post(`/api/partners/${id}/${verb}`).set(as(reviewer)).send({ reason });

  it('suspend → reinstate → leave, each with its reason; leaving ends the enrollment; re-applying starts a new one', async () => {
    await enroll('lifecycle');
    expect((await act('lifecycle', 'suspend', 'fraud review: click farm').expect(200)).body).toMatchObject({
      status: 'suspended',
      statusReason: 'fraud review: click farm',
      leftAt: null,
    });
    expect((await act('lifecycle', 'reinstate', 'review cleared').expect(200)).body).toMatchObject({
      status: 'active',
      statusReason: 'review cleared',
    });
    const left = (await act('lifecycle', 'leave', 'writer asked to leave').expect(200)).body;
    expect(left).toMatchObject({ status: 'left', enrollmentId: 'enr_app-lifecycle' });
    expect(left.leftAt).not.toBeNull();

    const shown = (await t.http.get('/api/partners/lifecycle').set(as(finance)).expect(200)).body;
    expect(shown.history.map((h: { status: string; reason: string }) => [h.status, h.reason])).toEqual([
      ['left', 'writer asked to leave'],
      ['active', 'review cleared'],
      ['suspended', 'fraud review: click farm'],
      ['active', 'application app-lifecycle approved'],
    ]);
    expect(shown.history[0].changedByEmail).toMatch(/^reviewer-/);
    expect(shown.enrollments).toEqual([expect.objectContaining({ id: 'enr_app-lifecycle', leftAt: expect.any(String) })]);

    // no longer enrolled: no more status changes
    const again = await act('lifecycle', 'suspend', 'x').expect(422);
    expect(again.body).toMatchObject({ details: { rule: 'enrolled_partner', details: { status: 'left' } } });

    // re-application is allowed and, once approved, opens a new enrollment
    const reapplied = await t.http
      .post('/api/applications')
      .set(as(reviewer))
      .send({ memberId: 'lifecycle', country: 'FR', birthDate: '1990-01-01' })
      .expect(201);
    expect(reapplied.body.eligible).toBe(true);
    await t.http.post(`/api/applications/${reapplied.body.id}/approve`).set(as(reviewer)).expect(200);
    const back = (await t.http.get('/api/partners/lifecycle').set(as(reviewer)).expect(200)).body;
    expect(back).toMatchObject({ status: 'active', enrollmentId: `enr_${reapplied.body.id}`, leftAt: null });
    expect(back.enrollments).toHaveLength(2);

    const audit = await t.db.pool.query(
      `SELECT action, before->>'status' AS before, after->>'status' AS after, reason FROM audit_log WHERE entity_type = 'partner' AND entity_id = 'lifecycle' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { action: 'partner.suspend', before: 'active', after: 'suspended', reason: 'fraud review: click farm' },
      { action: 'partner.reinstate', before: 'suspended', after: 'active', reason: 'review cleared' },
      { action: 'partner.leave', before: 'active', after: 'left', reason: 'writer asked to leave' },
    ]);
  });

  it('removal (from suspended) ends the enrollment', async () => {
    await enroll('removed');
    await act('removed', 'suspend', 'fraud review').expect(200);
    const res = await act('removed', 'remove', 'undisclosed AI writing behind the paywall').expect(200);
    expect(res.body).toMatchObject({ status: 'removed', statusReason: 'undisclosed AI writing behind the paywall' });
    const { rows } = await t.db.pool.query(`SELECT left_at FROM enrollments WHERE id = 'enr_app-removed'`);
    expect(rows[0].left_at).toBeInstanceOf(Date);
  });

  it('refuses transitions that do not apply (422), a missing reason (400) and unknown partners (404)', async () => {
    await enroll('strict');
    expect((await act('strict', 'reinstate', 'nothing to reinstate').expect(422)).body.details).toMatchObject({
      rule: 'partner_status_transition',
      details: { status: 'active' },
    });
    await act('strict', 'suspend', 'review').expect(200);
    await act('strict', 'suspend', 'again').expect(422);
    const missing = await t.http.post('/api/partners/strict/leave').set(as(reviewer)).send({}).expect(400);
    expect(missing.body.details[0].field).toBe('reason');
    await act('nobody', 'suspend', 'x').expect(404);
    await t.http.get('/api/partners/nobody').set(as(reviewer)).expect(404);
    // a member who never enrolled is not a partner
    await f.eligibleWriter('never');
    await t.http.get('/api/partners/never').set(as(reviewer)).expect(404);
  });

  it('two simultaneous suspensions: one applies, the other sees it and is refused', async () => {
    await enroll('double');
    const results = await Promise.all([act('double', 'suspend', 'one'), act('double', 'suspend', 'two')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM partner_status_changes WHERE enrollment_id = 'enr_app-double' AND status = 'suspended'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('lists partners, including enrollments imported as history, with filters and search', async () => {
    const key = await f.member('imported');
    await t.db.pool.query(
      `INSERT INTO enrollments (id, member_key, enrolled_at, left_at) VALUES ('enr-imp-1', $1, '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'), ('enr-imp-2', $1, '2022-01-01T00:00:00Z', NULL)`,
      [key],
    );
    const key2 = await f.member('imported-left');
    await t.db.pool.query(
      `INSERT INTO enrollments (id, member_key, enrolled_at, left_at) VALUES ('enr-imp-3', $1, '2020-01-01T00:00:00Z', '2020-06-01T00:00:00Z')`,
      [key2],
    );

    const list = (filter: object, sort = ['id', 'ASC']) =>
      t.http
        .get('/api/partners')
        .query({ filter: JSON.stringify(filter), sort: JSON.stringify(sort) })
        .set(as(finance))
        .expect(200);
    const imported = await list({ q: 'imported' });
    expect(imported.body).toEqual([
      expect.objectContaining({ id: 'imported', memberId: 'imported', status: 'active', enrollmentId: 'enr-imp-2', statusReason: null }),
      expect.objectContaining({ id: 'imported-left', status: 'left', enrollmentId: 'enr-imp-3', leftAt: '2020-06-01T00:00:00.000Z' }),
    ]);
    expect(imported.headers['content-range']).toBe('partners 0-1/2');
    expect((await list({ status: 'left' })).body.map((p: { id: string }) => p.id)).toEqual(['imported-left']); // lifecycle re-enrolled
    expect((await list({ status: 'removed' })).body.map((p: { id: string }) => p.id)).toEqual(['removed']);
    expect((await list({ status: 'suspended' })).body.map((p: { id: string }) => p.id)).toEqual(['double', 'strict']);
    expect((await list({ id: ['imported', 'removed'] })).body.map((p: { id: string }) => p.id)).toEqual(['imported', 'removed']);
    expect((await list({}, ['enrolledAt', 'ASC'])).body[0].id).toBe('imported-left');
    await t.http
      .get('/api/partners')
      .query({ filter: JSON.stringify({ status: 'retired' }) })
      .set(as(finance))
      .expect(400);
    const shown = (await t.http.get('/api/partners/imported').set(as(reviewer)).expect(200)).body;
    expect(shown.enrollments.map((e: { id: string }) => e.id)).toEqual(['enr-imp-2', 'enr-imp-1']);
    expect(shown.history).toEqual([]);
    // an imported open enrollment can be acted on like any other
    expect((await act('imported', 'suspend', 'fraud review').expect(200)).body.status).toBe('suspended');
  });
});
