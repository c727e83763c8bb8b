import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseListQuery } from '../../libs/core/src/index.js';
import { FORBIDDEN_KEY_MESSAGE } from '../../libs/core/src/http/json-guard.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('audit log and the list dialect', () => {
  let t: TestApp;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    for (const [i, role] of (['reviewer', 'curator', 'support', 'finance', 'reviewer'] as const).entries()) {
      await t.http
        .post('/api/staff-users')
        .set(auth())
        .send({
          email: `list-${i}@test.example`,
          name: `Person ${String.fromCharCode(69 - i)}`,
          roles: [role],
          password: 'a-long-password',
        })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('records each staff write with actor, before and after, in the same transaction', async () => {
    const { body: created } = await t.http
      .post('/api/staff-users')
      .set(auth())
      .send({ email: 'audited@test.example', name: 'Audited', roles: ['support'], password: 'a-long-password' })
      .expect(201);
    await t.http
      .put(`/api/staff-users/${created.id}`)
      .set(auth())
      .send({ roles: ['support', 'finance'] })
      .expect(200);
    const { body } = await t.http
      .get('/api/audit-log')
      .query({ filter: JSON.stringify({ entityId: created.id }), sort: JSON.stringify(['id', 'ASC']) })
      .set(auth())
      .expect(200);
    expect(body.map((e: { action: string }) => e.action)).toEqual(['staff.create', 'staff.update']);
    expect(body[1]).toMatchObject({
      actorEmail: 'admin@test.example',
      before: { roles: ['support'] },
      after: { roles: ['support', 'finance'] },
    });
    expect(JSON.stringify(body)).not.toContain('password');
  });

  it('the action and actor filters match part of the name, whatever the case (server side)', async () => {
    const get = async (filter: Record<string, unknown>) =>
      (
        await t.http
          .get('/api/audit-log')
          .query({ filter: JSON.stringify(filter), range: '[0,999]' })
          .set(auth())
          .expect(200)
      ).body as {
        action: string;
        actorEmail: string;
      }[];
    const all = await get({});
    const creates = await get({ action: 'CREATE' });
    expect(creates.length).toBe(all.filter((e) => e.action.toLowerCase().includes('create')).length);
    expect(creates.length).toBeGreaterThan(0);
    expect(creates.every((e) => /create/i.test(e.action))).toBe(true);
    expect(await get({ action: 'staff.up' })).toEqual(all.filter((e) => e.action.startsWith('staff.up')));
    expect((await get({ actorEmail: 'ADMIN@' })).length).toBe(all.filter((e) => e.actorEmail.startsWith('admin@')).length);
    expect(await get({ action: '%' })).toEqual([]);
  });

  it('a failed write leaves no audit entry (duplicate email → 409)', async () => {
    const before = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log`);
    const res = await t.http
      .post('/api/staff-users')
      .set(auth())
      .send({ email: 'LIST-0@test.example', name: 'Dup', roles: ['support'], password: 'a-long-password' })
      .expect(409);
    expect(res.body.code).toBe('conflict');
    const after = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit entries', async () => {
    await expect(t.db.pool.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('sorts, ranges and sets Content-Range', async () => {
    const res = await t.http
      .get('/api/staff-users')
      .query({ sort: JSON.stringify(['name', 'ASC']), range: JSON.stringify([0, 2]) })
      .set(auth())
      .expect(200);
    expect(res.body).toHaveLength(3);
    const total = Number(res.headers['content-range'].split('/')[1]);
    expect(res.headers['content-range']).toBe(`staff-users 0-2/${total}`);
    expect(total).toBeGreaterThanOrEqual(7);
    const names = res.body.map((u: { name: string }) => u.name);
    expect(names).toEqual([...names].sort());
    const next = await t.http
      .get('/api/staff-users')
      .query({ sort: JSON.stringify(['name', 'ASC']), range: JSON.stringify([3, 5]) })
      .set(auth())
      .expect(200);
    expect(next.headers['content-range']).toBe(`staff-users 3-5/${total}`);
    expect(next.body[0].name >= names[2]).toBe(true);
  });

  it('filters by field, by many ids and by free text', async () => {
    const reviewers = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ role: 'reviewer' }) })
      .set(auth())
      .expect(200);
    expect(reviewers.body).toHaveLength(2);
    const ids = reviewers.body.map((u: { id: string }) => u.id);
    const many = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ id: ids }) })
      .set(auth())
      .expect(200);
    expect(many.body.map((u: { id: string }) => u.id).sort()).toEqual([...ids].sort());
    const q = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ q: 'Person C' }) })
      .set(auth())
      .expect(200);
    expect(q.body.map((u: { name: string }) => u.name)).toEqual(['Person C']);
  });

  it('answers 400 naming an unknown sort or filter field, bad JSON, or a range over the cap', async () => {
    const sort = await t.http
      .get('/api/staff-users')
      .query({ sort: JSON.stringify(['password', 'ASC']) })
      .set(auth())
      .expect(400);
    expect(sort.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'sort' }] });
    expect(sort.body.message).toContain('password');
    const filter = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ salary: 1 }) })
      .set(auth())
      .expect(400);
    expect(filter.body.details).toEqual([{ field: 'filter.salary', message: 'unknown filter field' }]);
    await t.http.get('/api/staff-users').query({ filter: '{nope' }).set(auth()).expect(400);
    const range = await t.http
      .get('/api/staff-users')
      .query({ range: JSON.stringify([0, 10000]) })
      .set(auth())
      .expect(400);
    expect(range.body.message).toMatch(/10000 rows/);
    await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ role: 'janitor' }) })
      .set(auth())
      .expect(400);
  });

  it('answers 400, never 500, for inherited names, unsafe integers and NUL characters', async () => {
    const get = (query: Record<string, string>) => t.http.get('/api/staff-users').query(query).set(auth());
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect((await get({ sort: JSON.stringify([name, 'ASC']) }).expect(400)).body.details).toEqual([
        { field: 'sort', message: `unknown sort field ${name}` },
      ]);
      const refused = name === 'toString' ? 'unknown filter field' : FORBIDDEN_KEY_MESSAGE; // prototype keys: refused while parsing
      expect((await get({ filter: `{"${name}":"x"}` }).expect(400)).body.details).toEqual([{ field: `filter.${name}`, message: refused }]);
    }
    expect((await get({ range: '[1e21,1e21]' }).expect(400)).body.details).toEqual([{ field: 'range', message: 'must be [first,last]' }]);
    expect((await get({ filter: JSON.stringify({ q: 'a\u0000b' }) }).expect(400)).body.details).toEqual([
      { field: 'filter.q', message: 'must not contain NUL characters' },
    ]);
    // A NUL byte that reaches PostgreSQL (22021) is bad input too.
    const nul = await t.http
      .post('/api/staff-users')
      .set(auth())
      .send({ email: 'nul@test.example', name: 'a\u0000b', roles: ['support'], password: 'a-long-password' });
    expect(nul.status).toBe(400);
    expect(nul.body.code).toBe('validation_failed');
  });

  it('filters by role (an array column): one role, or any of several', async () => {
    const admins = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ role: ['admin'] }) })
      .set(auth())
      .expect(200);
    expect(admins.body.map((u: { email: string }) => u.email)).toEqual(['admin@test.example']);
    const some = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ role: ['reviewer', 'curator'], q: 'list-' }) })
      .set(auth())
      .expect(200);
    expect(some.body.map((u: { email: string }) => u.email).sort()).toEqual([
      'list-0@test.example',
      'list-1@test.example',
      'list-4@test.example',
    ]);
    const one = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ role: 'curator', q: 'list-' }) })
      .set(auth())
      .expect(200);
    expect(one.body.map((u: { email: string }) => u.email)).toEqual(['list-1@test.example']);
    await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ role: ['admin', 'janitor'] }) })
      .set(auth())
      .expect(400);
  });

  it('filters by many booleans, timestamps and dates', async () => {
    const both = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ disabled: [true, false] }) })
      .set(auth())
      .expect(200);
    const all = await t.http.get('/api/staff-users').set(auth()).expect(200);
    expect(both.headers['content-range']).toBe(all.headers['content-range']);
    const {
      rows: [latest],
    } = await t.db.pool.query(
      `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    const at = await t.http
      .get('/api/audit-log')
      .query({ filter: JSON.stringify({ at: [latest.at, '2001-01-01T00:00:00Z'] }) })
      .set(auth())
      .expect(200);
    expect(at.body.map((e: { id: string }) => String(e.id))).toContain(latest.id);
    // date[] has no route in core: the SQL the dialect writes, run on PostgreSQL.
    const q = parseListQuery(
      { filter: JSON.stringify({ day: ['2024-02-29', '2024-03-01'] }) },
      {
        resource: 'days',
        key: 'day',
        defaultSort: ['day', 'ASC'],
        sort: { day: 'day' },
        filters: { day: { column: 'day', type: 'date' } },
      },
    );
    const { rows } = await t.db.pool.query(
      `SELECT day::text FROM (VALUES (DATE '2024-02-29'), (DATE '2024-02-28')) v(day) ${q.where}`,
      q.params,
    );
    expect(rows).toEqual([{ day: '2024-02-29' }]);
  });

  it('names each bad field of a create', async () => {
    const res = await t.http
      .post('/api/staff-users')
      .set(auth())
      .send({ email: 'nope', roles: ['king'], password: 'x', extra: 1 })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'roles', 'password', 'extra']));
  });
});
