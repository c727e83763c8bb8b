import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { AuthService, LOGIN_THROTTLE } from '../../libs/core/src/auth/auth.service.js';
import { StaffService } from '../../libs/core/src/staff/staff.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

const PASSWORD = 'staff-test-password';

describe('login throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The addresses below arrive in X-Forwarded-For, believed from the loopback proxy only.
    t = await startTestApp({ TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

  it(`holds under concurrency: 20 wrong passwords at once for one email get ${LOGIN_THROTTLE.perEmail}×401, the rest 429`, async () => {
    await t.tokenFor(['support'], 'raced@test.example');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login('raced@test.example', `wrong-${i}`, '10.0.0.1')));
    expect(statuses(answers)).toEqual([...Array(LOGIN_THROTTLE.perEmail).fill(401), ...Array(20 - LOGIN_THROTTLE.perEmail).fill(429)]);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM login_failures WHERE email = 'raced@test.example'`);
    expect(rows[0].n).toBe(LOGIN_THROTTLE.perEmail);
    await login('raced@test.example', PASSWORD, '10.0.0.1').expect(429);
    // Another address is not held to these failures: the owner still signs in.
    await login('raced@test.example', PASSWORD, '10.0.0.2').expect(200);
  });

  it(`holds per address too: ${LOGIN_THROTTLE.perIp + 10} wrong logins at once from one address for different emails get ${LOGIN_THROTTLE.perIp}×401`, async () => {
    const n = LOGIN_THROTTLE.perIp + 10;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => login(`nobody-${i}@test.example`, 'wrong', '10.0.0.3')));
    expect(statuses(answers)).toEqual([...Array(LOGIN_THROTTLE.perIp).fill(401), ...Array(10).fill(429)]);
  });

  it('a right password is not counted as a failure', async () => {
    await t.tokenFor(['support'], 'regular@test.example');
    for (let i = 0; i < LOGIN_THROTTLE.perEmail + 2; i++) await login('regular@test.example', PASSWORD, '10.0.0.4').expect(200);
    await login('regular@test.example', PASSWORD, '10.0.0.4').expect(200);
  });

  it('an unknown email takes as long to refuse as a wrong password (the hash is checked either way)', async () => {
    const auth = t.app.get(AuthService);
    const staff = t.app.get(StaffService);
    const rounds = 9;
    for (let i = 0; i < rounds; i++)
      await staff.create(null, { email: `timed-${i}@test.example`, name: 'Timed', roles: ['support'], password: PASSWORD });
    const time = async (email: string) => {
      const start = performance.now();
      await expect(auth.validate(email, 'not-the-password', null)).rejects.toMatchObject({ code: 'unauthorized' });
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < rounds; i++) {
      known.push(await time(`timed-${i}@test.example`));
      unknown.push(await time(`absent-${i}@test.example`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Without the dummy hash an unknown email is answered in a fraction of the time.
    expect(median(unknown)).toBeGreaterThan(0.6 * median(known));
  });
});
