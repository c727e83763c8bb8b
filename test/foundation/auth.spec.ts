import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';

describe('staff auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs the first admin in with the right password and returns a token and the user', async () => {
    const res = await t.http.post('/api/auth/login').send(ADMIN).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ email: ADMIN.email, roles: ['admin'] });
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.email).toBe(ADMIN.email);
  });

  it('stores passwords as argon2id hashes', async () => {
    const { rows } = await t.db.pool.query(`SELECT password_hash FROM staff_users WHERE email = $1`, [ADMIN.email]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with 401 and the error body', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: ADMIN.email, password: 'not-the-password' }).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
  });

  it('names the missing field of a malformed login', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: ADMIN.email }).expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('a disabled account can neither log in nor use a token it already has', async () => {
    const admin = await t.adminToken();
    const token = await t.tokenFor(['support'], 'soon-disabled@test.example');
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const { body: list } = await t.http
      .get('/api/staff-users')
      .query({ filter: JSON.stringify({ q: 'soon-disabled' }) })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await t.http.put(`/api/staff-users/${list[0].id}`).set('Authorization', `Bearer ${admin}`).send({ disabled: true }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'soon-disabled@test.example', password: 'staff-test-password' })
      .expect(401);
    expect(login.body.message).toMatch(/disabled/);
  });

  it('throttles an email after 5 failed logins, even with the right password', async () => {
    await t.tokenFor(['curator'], 'throttled@test.example');
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/api/auth/login')
        .send({ email: 'throttled@test.example', password: `wrong-${i}` })
        .expect(401);
    }
    const res = await t.http.post('/api/auth/login').send({ email: 'throttled@test.example', password: 'staff-test-password' }).expect(429);
    expect(res.body.code).toBe('too_many_requests');
  });

  it('answers 401 without a token and with a forged one', async () => {
    await t.http.get('/api/staff-users').expect(401);
    await t.http.get('/api/staff-users').set('Authorization', 'Bearer not.a.token').expect(401);
  });

  it('does not accept the intake key on staff routes', async () => {
    await t.http.get('/api/auth/me').set('X-Api-Key', t.config.intakeApiKey).expect(401);
  });

  it('health is public and names the backends in use', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, queue: { status: 'up' } });
    expect(res.body.queue.backend).toBe(process.env.TEST_REDIS_URL ? 'redis' : 'postgres');
  });
});
