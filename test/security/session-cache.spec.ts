import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The account behind a session is reused for a second (SessionRepository.live), yet every
 * change takes effect on the very next request: each request below follows one that filled
 * the cache, well within that second.
 */
describe('the session cache never outlives a change', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (token: string) => t.http.get('/api/auth/me').set(as(token));
  const warm = async (token: string) => {
    await me(token).expect(200);
    await me(token).expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logout: the next request with that token is 401', async () => {
    const token = await t.tokenFor(['support'], 'cache-logout@test.example');
    await warm(token);
    await t.http.post('/api/auth/logout').set(as(token)).expect(204);
    await me(token).expect(401);
  });

  it('a session revoked in the database: the next request is 401', async () => {
    const token = await t.tokenFor(['support'], 'cache-revoked@test.example');
    await warm(token);
    await t.db.pool.query(
      `UPDATE staff_sessions SET revoked_at = now() WHERE user_id = (SELECT id FROM staff_users WHERE email = 'cache-revoked@test.example')`,
    );
    await me(token).expect(401);
  });

  it('a role taken away (even without ending the sessions): the next request is 403, a role given is 200', async () => {
    const token = await t.tokenFor(['finance'], 'cache-role@test.example');
    await t.http.get('/api/ledger/integrity').set(as(token)).expect(200);
    await t.http.get('/api/ledger/integrity').set(as(token)).expect(200);
    await t.db.pool.query(`UPDATE staff_users SET roles = '{support}' WHERE email = 'cache-role@test.example'`);
    await t.http.get('/api/ledger/integrity').set(as(token)).expect(403);
    await t.db.pool.query(`UPDATE staff_users SET roles = '{finance}' WHERE email = 'cache-role@test.example'`);
    await t.http.get('/api/ledger/integrity').set(as(token)).expect(200);
  });

  it('a disabled account: the next request is 401', async () => {
    const token = await t.tokenFor(['support'], 'cache-disabled@test.example');
    await warm(token);
    await t.db.pool.query(`UPDATE staff_users SET disabled = true WHERE email = 'cache-disabled@test.example'`);
    await me(token).expect(401);
  });

  it('a last-seen mark moving forward leaves the version alone; any other session change moves it', async () => {
    const token = await t.tokenFor(['support'], 'cache-version@test.example');
    await warm(token);
    const version = async () => (await t.db.pool.query(`SELECT version::int AS v FROM staff_auth_version`)).rows[0].v as number;
    const where = `user_id = (SELECT id FROM staff_users WHERE email = 'cache-version@test.example')`;
    const before = await version();
    await t.db.pool.query(`UPDATE staff_sessions SET last_seen_at = now() WHERE ${where}`);
    expect(await version()).toBe(before);
    await t.db.pool.query(`UPDATE staff_sessions SET last_seen_at = last_seen_at - interval '1 minute' WHERE ${where}`);
    expect(await version()).toBe(before + 1);
    await t.db.pool.query(`UPDATE staff_sessions SET second_factor_at = now() WHERE ${where}`);
    expect(await version()).toBe(before + 2);
  });
});
