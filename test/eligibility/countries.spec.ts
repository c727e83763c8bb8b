import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/** The supported-country list: seeded with the program's original 42, read by any staff, edited by admins. */
describe('countries', () => {
  let t: TestApp;
  let admin: string;
  let curator: string;
  let reviewer: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    curator = await t.tokenFor(['curator']);
    reviewer = await t.tokenFor(['reviewer']);
  });
  afterAll(() => t.close());

  it('is seeded with the 42 original countries, all payable, added 2017-08-01', async () => {
    const res = await t.http.get('/api/countries').query({ range: '[0,99]', sort: '["id","ASC"]' }).set(as(curator)).expect(200);
    expect(res.headers['content-range']).toBe('countries 0-41/42');
    expect(res.body.every((c: { payable: boolean; dateAdded: string }) => c.payable && c.dateAdded === '2017-08-01')).toBe(true);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['US', 'GB', 'DE', 'FR', 'JP', 'BR', 'IN', 'AE', 'HK', 'SG']),
    );
    expect(res.body.find((c: { id: string }) => c.id === 'NZ')).toEqual({
      id: 'NZ',
      code: 'NZ',
      name: 'New Zealand',
      payable: true,
      dateAdded: '2017-08-01',
    });
    const payable = await t.http.get('/api/countries').query({ filter: '{"payable":false}' }).set(as(reviewer)).expect(200);
    expect(payable.body).toEqual([]);
    const q = await t.http.get('/api/countries').query({ filter: '{"q":"zealand"}' }).set(as(reviewer)).expect(200);
    expect(q.body.map((c: { id: string }) => c.id)).toEqual(['NZ']);
  });

  it('admins add, edit and delete countries; every write is audited', async () => {
    const created = await t.http
      .post('/api/countries')
      .set(as(admin))
      .send({ code: 'ng', name: 'Nigeria', payable: false, dateAdded: '2025-03-01' })
      .expect(201);
    expect(created.body).toEqual({ id: 'NG', code: 'NG', name: 'Nigeria', payable: false, dateAdded: '2025-03-01' });
    await t.http.post('/api/countries').set(as(admin)).send({ code: 'NG', name: 'Nigeria', payable: true }).expect(409);
    // react-admin sends the whole record back
    const updated = await t.http
      .put('/api/countries/NG')
      .set(as(admin))
      .send({ ...created.body, payable: true })
      .expect(200);
    expect(updated.body).toMatchObject({ id: 'NG', payable: true, dateAdded: '2025-03-01' });
    await t.http.put('/api/countries/NG').set(as(admin)).send({ code: 'NE' }).expect(400);
    expect((await t.http.get('/api/countries/ng').set(as(curator)).expect(200)).body.name).toBe('Nigeria');
    const today = await t.http.post('/api/countries').set(as(admin)).send({ code: 'KE', name: 'Kenya', payable: true }).expect(201);
    expect(today.body.dateAdded).toBe(new Date().toISOString().slice(0, 10));
    await t.http.delete('/api/countries/KE').set(as(admin)).expect(200);
    await t.http.get('/api/countries/KE').set(as(admin)).expect(404);
    await t.http.delete('/api/countries/KE').set(as(admin)).expect(404);

    const audit = await t.db.pool.query(
      `SELECT action, entity_id, before->>'payable' AS before, after->>'payable' AS after FROM audit_log WHERE entity_type = 'country' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { action: 'country.create', entity_id: 'NG', before: null, after: 'false' },
      { action: 'country.update', entity_id: 'NG', before: 'false', after: 'true' },
      { action: 'country.create', entity_id: 'KE', before: null, after: 'true' },
      { action: 'country.delete', entity_id: 'KE', before: 'true', after: null },
    ]);
  });

  it('400 names each bad field; non-admins get 403 on writes', async () => {
    const bad = await t.http
      .post('/api/countries')
      .set(as(admin))
      .send({ code: 'NGA', payable: 'yes', dateAdded: '2025-13-01' })
      .expect(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['code', 'dateAdded', 'name', 'payable']);
    for (const token of [reviewer, curator]) {
      await t.http.post('/api/countries').set(as(token)).send({ code: 'GH', name: 'Ghana', payable: true }).expect(403);
      await t.http.put('/api/countries/FR').set(as(token)).send({ payable: false }).expect(403);
      await t.http.delete('/api/countries/FR').set(as(token)).expect(403);
    }
    expect((await t.http.get('/api/countries/FR').set(as(reviewer)).expect(200)).body.payable).toBe(true);
  });
});
