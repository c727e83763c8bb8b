import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../../libs/eligibility/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { memberKey, sql, TableFactory } from '../support/factory.js';

/** Acceptance 4: bulk approval of over 1,000 pending applications is set-based and reports the skipped ones. */
describe('bulk approve', () => {
  let t: TestApp;
  let reviewer: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const n = async (sql: string, params: unknown[] = []) => (await t.db.pool.query(sql, params)).rows[0].n as number;

  /**
   * 1,300 applicants made with the test factory: 1,100 pass every check; 100 from an unlisted country
   * (ZZ); 50 under 18; 30 already enrolled partners (passing checks); 20 already rejected.
   */
  beforeAll(async () => {
    t = await startTestApp();
    reviewer = await t.tokenFor(['reviewer']);
    const f = new TableFactory(t.db.pool);
    const all = Array.from({ length: 1300 }, (_, k) => k + 1);
    const id = (i: number) => `bulk-${i}`;
    await f.members(
      all.map((i) => ({
        id: id(i),
        username: `bulk${i}`,
        name: `Bulk ${i}`,
        email: `bulk${i}@writers.example`,
        country: 'FR',
        birthDate: i >= 1101 && i <= 1150 ? sql(`(now() AT TIME ZONE 'UTC')::date - interval '16 years'`) : '1990-01-01',
        joinedAt: sql(`now() - interval '2 years'`),
      })),
    );
    await f.memberships(all.map((i) => ({ id: `ms-${id(i)}`, memberKey: memberKey(id(i)), plan: 'annual' })));
    await f.rows(
      'stories',
      all.map((i) => ({
        id: `st-${id(i)}`,
        authorKey: memberKey(id(i)),
        title: 'A story',
        publishedAt: sql(`now() - interval '20 days'`),
        membersOnly: true,
        status: 'published',
      })),
    );
    await f.rows(
      'applications',
      all.map((i) => ({
        id: `app-${id(i)}`,
        memberKey: memberKey(id(i)),
        submittedAt: sql(`now() - interval '${i} minutes'`),
        country: i >= 1001 && i <= 1100 ? 'ZZ' : 'FR',
        birthDate: null,
        status: i > 1280 ? 'rejected' : 'pending',
      })),
    );
    await f.rows(
      'enrollments',
      all
        .filter((i) => i >= 1151 && i <= 1180)
        .map((i) => ({ id: `enr-old-${id(i)}`, memberKey: memberKey(id(i)), enrolledAt: sql(`now() - interval '1 year'`) })),
    );
    // at submission, as intake's hook does: one statement for all of them
    const ds = t.app.get(DataSource);
    const evaluated = await t.app.get(ApplicationsService).evaluate(
      ds,
      (await t.db.pool.query(`SELECT id FROM applications`)).rows.map((r) => r.id),
    );
    expect(evaluated).toHaveLength(1280);
  });
  afterAll(() => t.close());

  it('a filter that matches nothing approves nothing', async () => {
    const res = await t.http
      .post('/api/applications/bulk-approve')
      .set(as(reviewer))
      .send({ filter: { memberId: 'nobody' } })
      .expect(200);
    expect(res.body).toEqual({ matched: 0, approvedCount: 0, skippedCount: 0, approved: [], skipped: [] });
  });

  it('400 for an unknown filter field or a missing filter', async () => {
    const res = await t.http
      .post('/api/applications/bulk-approve')
      .set(as(reviewer))
      .send({ filter: { colour: 'red' } })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'filter.colour', message: 'unknown filter field' }]);
    await t.http.post('/api/applications/bulk-approve').set(as(reviewer)).send({}).expect(400);
  });

  it('approves every passing pending application in a few statements and lists the skipped ones with reasons', async () => {
    const ds = t.app.get(DataSource);
    const statements: string[] = [];
    const original = ds.logger.logQuery.bind(ds.logger);
    ds.logger.logQuery = (query, ...rest) => (statements.push(query), original(query, ...rest));
    let res;
    try {
      res = await t.http
        .post('/api/applications/bulk-approve')
        .set(as(reviewer))
        .send({ filter: { status: ['pending', 'rejected'], memberId: Array.from({ length: 1300 }, (_, i) => `bulk-${i + 1}`) } })
        .expect(200);
    } finally {
      ds.logger.logQuery = original;
    }
    const body = res.body;
    expect(body).toMatchObject({ matched: 1300, approvedCount: 1100, skippedCount: 200 });
    expect(body.approved).toHaveLength(1100);
    expect(body.approved[0]).toEqual({
      id: expect.stringMatching(/^app-bulk-\d+$/),
      memberId: expect.stringMatching(/^bulk-\d+$/),
      enrollmentId: expect.stringMatching(/^enr_app-bulk-\d+$/),
    });

    const reasons = (reason: string) => body.skipped.filter((s: { reason: string }) => s.reason === reason);
    expect(reasons('failing_checks')).toHaveLength(150);
    expect(reasons('failing_checks').find((s: { id: string }) => s.id === 'app-bulk-1001')).toEqual({
      id: 'app-bulk-1001',
      reason: 'failing_checks',
      status: 'pending',
      failingChecks: ['country'],
    });
    expect(reasons('failing_checks').find((s: { id: string }) => s.id === 'app-bulk-1101')).toEqual({
      id: 'app-bulk-1101',
      reason: 'failing_checks',
      status: 'pending',
      failingChecks: ['age'],
    });
    expect(
      reasons('already_enrolled')
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(Array.from({ length: 30 }, (_, i) => `app-bulk-${1151 + i}`).sort());
    expect(reasons('not_pending')).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ id: `app-bulk-${1281 + i}`, reason: 'not_pending', status: 'rejected' })).reverse(),
    );

    // set-based: a handful of statements for 1,300 applications, not one per application
    const ours = statements.filter((q) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/.test(q));
    expect(ours.length).toBeLessThanOrEqual(8);
    expect(statements.filter((q) => /INSERT INTO enrollments/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /INSERT INTO audit_log/.test(q))).toHaveLength(1);

    expect(await n(`SELECT count(*)::int AS n FROM applications WHERE status = 'approved'`)).toBe(1100);
    expect(await n(`SELECT count(*)::int AS n FROM enrollments WHERE id LIKE 'enr_app-bulk-%' AND left_at IS NULL`)).toBe(1100);
    expect(await n(`SELECT count(*)::int AS n FROM partner_status_changes WHERE status = 'active'`)).toBe(1100);
    expect(await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.approve' AND reason = 'bulk approve'`)).toBe(1100);
    expect(await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.bulk-approve'`)).toBe(1);
    const list = await t.http
      .get('/api/partners')
      .query({ filter: JSON.stringify({ status: 'active' }), range: '[0,0]' })
      .set(as(reviewer))
      .expect(200);
    expect(list.headers['content-range']).toBe('partners 0-0/1130');

    // running it again finds nothing more to approve (the pending ones, named: an empty filter is refused, never "all")
    const again = await t.http
      .post('/api/applications/bulk-approve')
      .set(as(reviewer))
      .send({ filter: { status: 'pending' } })
      .expect(200);
    expect(again.body).toMatchObject({ matched: 180, approvedCount: 0, skippedCount: 180 });
  });

  it('concurrent single approvals are skipped as not pending, never enrolled twice', async () => {
    const { rows } = await t.db.pool.query(`SELECT key FROM members WHERE id = 'bulk-1001'`);
    await t.db.pool.query(`UPDATE applications SET country = 'FR' WHERE member_key = $1`, [rows[0].key]);
    const [single, bulk] = await Promise.all([
      t.http.post('/api/applications/app-bulk-1001/approve').set(as(reviewer)),
      t.http
        .post('/api/applications/bulk-approve')
        .set(as(reviewer))
        .send({ filter: { id: ['app-bulk-1001'], status: ['pending', 'approved'] } }),
    ]);
    expect(bulk.status).toBe(200);
    const bulkWon = bulk.body.approvedCount === 1;
    expect(single.status).toBe(bulkWon ? 409 : 200);
    if (!bulkWon) expect(bulk.body.skipped).toEqual([{ id: 'app-bulk-1001', reason: 'not_pending', status: 'approved' }]);
    expect(await n(`SELECT count(*)::int AS n FROM enrollments WHERE member_key = $1`, [rows[0].key])).toBe(1);
  });
});
