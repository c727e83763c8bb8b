import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { LOGIN_THROTTLE } from '../../libs/core/src/auth/login-throttle.js';
import { routeTable } from '../../libs/core/src/auth/route-table.js';
import { StaffService } from '../../libs/core/src/staff/staff.service.js';
import { RECOVERY_CODE_COUNT } from '../../libs/core/src/auth/second-factor-policy.js';
import { ADMIN, freshCode, newKey, startTestApp, type TestApp } from '../support/app.js';
import { LogCapture } from './log-capture.js';

const PASSWORD = 'staff-test-password';

/** Issue 15: TOTP enrolment, sign-in with a code, step-up for money actions, admin reset. */
describe('issue 15: two-factor sign-in and step-up', () => {
  const logs = new LogCapture();
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (body: object) => t.http.post('/api/auth/login').send(body);
  const sessionOf = (token: string) => (t.app.get(JwtService).decode(token) as { sid: string }).sid;
  const revealed: string[] = [];
  /** The next code of a secret not yet used (the server takes each time step once). */
  const codeOf = (email: string, secret: string) => freshCode(email, secret);

  /** A finance account that enrolled through the API; its secret and recovery codes. */
  async function enrolledFinance(email: string) {
    await t.app.get(StaffService).create(null, { email, name: 'Fin', roles: ['finance'], password: PASSWORD });
    const token = (await login({ email, password: PASSWORD }).expect(200)).body.accessToken as string;
    const begun = await t.http.post('/api/auth/second-factor/enrol').set(as(token)).expect(200);
    const secret = begun.body.secret as string;
    const confirmed = await t.http
      .post('/api/auth/second-factor/confirm')
      .set(as(token))
      .send({ code: codeOf(email, secret) })
      .expect(200);
    revealed.push(secret, ...confirmed.body.recoveryCodes);
    return { token, secret, recoveryCodes: confirmed.body.recoveryCodes as string[], begun: begun.body };
  }

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug', TRUSTED_PROXIES: 'loopback' }, { logDestination: logs.destination });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('finance without a factor signs in only to enrol: money and other routes answer second_factor_enrolment_required', async () => {
    await t.app.get(StaffService).create(null, { email: 'fresh-fin@test.example', name: 'F', roles: ['finance'], password: PASSWORD });
    const res = await login({ email: 'fresh-fin@test.example', password: PASSWORD }).expect(200);
    expect(res.body.secondFactor).toEqual({ enrolled: false, required: true, recoveryCodesLeft: 0 });
    const token = res.body.accessToken;
    const refused = await t.http.get('/api/payout-runs').set(as(token)).expect(403);
    expect(refused.body.code).toBe('second_factor_enrolment_required');
    await t.http.get('/api/auth/me').set(as(token)).expect(200);
  });

  it('enrolment: a QR code and secret, a first code turns it on, 10 recovery codes once; stored sealed; audited', async () => {
    const { token, secret, recoveryCodes, begun } = await enrolledFinance('enrol@test.example');
    expect(begun.qrSvg).toMatch(/^<svg/);
    expect(begun.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    const { rows } = await t.db.pool.query(`SELECT totp_secret, totp_pending_secret FROM staff_users WHERE email = 'enrol@test.example'`);
    expect(rows[0].totp_secret).toMatch(/^v1\./);
    expect(rows[0].totp_secret).not.toContain(secret);
    expect(rows[0].totp_pending_secret).toBeNull();
    const codes = await t.db.pool.query(`SELECT code_hash FROM staff_recovery_codes`);
    expect(codes.rows.map((r) => r.code_hash)).not.toEqual(expect.arrayContaining([recoveryCodes[0]]));
    await t.http.post('/api/auth/second-factor/enrol').set(as(token)).expect(409);
    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE action LIKE 'staff.second-factor%'`);
    expect(audit.rows.map((r) => r.action)).toContain('staff.second-factor.enrol');
  });

  it('a wrong first code enrols nothing', async () => {
    const token = await t.tokenFor(['support'], 'wrong-first@test.example');
    await t.http.post('/api/auth/second-factor/enrol').set(as(token)).expect(200);
    const res = await t.http.post('/api/auth/second-factor/confirm').set(as(token)).send({ code: '000000' }).expect(403);
    expect(res.body.code).toBe('wrong_second_factor');
    expect((await t.http.get('/api/auth/me').set(as(token)).expect(200)).body.secondFactor.enrolled).toBe(false);
  });

  it('sign-in: without the code refused, with it accepted, a replayed code refused, a recovery code works once', async () => {
    const email = 'signin@test.example';
    const { secret, recoveryCodes } = await enrolledFinance(email);
    expect((await login({ email, password: PASSWORD }).expect(401)).body.code).toBe('second_factor_required');
    const code = codeOf(email, secret);
    await login({ email, password: PASSWORD, code }).expect(200);
    expect((await login({ email, password: PASSWORD, code }).expect(401)).body.code).toBe('wrong_second_factor');
    await login({ email, password: PASSWORD, recoveryCode: recoveryCodes[0] }).expect(200);
    await login({ email, password: PASSWORD, recoveryCode: recoveryCodes[0] }).expect(401);
    expect((await login({ email, password: 'wrong-password', code: '123456' }).expect(401)).body.code).toBe('unauthorized');
  });

  it(`wrong codes are throttled like passwords: ${LOGIN_THROTTLE.perEmail} from one address, then 429 even for a right one; another address still signs in`, async () => {
    const email = 'guessed@test.example';
    const { secret } = await enrolledFinance(email);
    const from = (ip: string, code: string) =>
      t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: PASSWORD, code });
    for (let i = 0; i < LOGIN_THROTTLE.perEmail; i++) await from('10.8.0.1', String(100000 + i)).expect(401);
    const right = codeOf(email, secret);
    await from('10.8.0.1', right).expect(429);
    await from('10.8.0.2', right).expect(200);
  });

  it('the step-up routes come from the route table: every money-changing route requires it', () => {
    const routes = routeTable(t.app);
    const moneyChanging = routes.filter(
      (r) =>
        r.moneyWrite ||
        (r.method !== 'GET' &&
          /^\/(payout-runs|payouts|adjustments|earnings-parameters|integrity-parameters|staff-users)(\/|$)/.test(r.path)) ||
        r.path.endsWith('/payout-file'),
    );
    expect(moneyChanging.length).toBeGreaterThanOrEqual(9);
    expect(moneyChanging.filter((r) => !r.stepUp).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // and nothing else asks for it (reads stay usable without a code)
    expect(routes.filter((r) => r.stepUp && !moneyChanging.includes(r)).map((r) => r.path)).toEqual([]);
  });

  it('every step-up route answers step_up_required without a fresh confirmation, and passes with one; it expires', async () => {
    const email = 'stepper@test.example';
    const { token, secret } = await enrolledFinance(email);
    const adminOf = await t.adminToken();
    const stale = async (tok: string) =>
      t.db.pool.query(`UPDATE staff_sessions SET second_factor_at = now() - make_interval(secs => $2 + 1) WHERE id = $1`, [
        sessionOf(tok),
        t.config.stepUpSeconds,
      ]);
    const fill = (p: string) => p.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
    const stepUpRoutes = routeTable(t.app).filter((r) => r.stepUp);
    const verbs = t.http as unknown as Record<string, (p: string) => import('supertest').Test>;
    const send = (r: (typeof stepUpRoutes)[number], tok: string) =>
      verbs[r.method.toLowerCase()](`/api${fill(r.path)}`)
        .set(as(tok))
        .set(newKey())
        .send(r.method === 'GET' ? undefined : {});
    // The finance account calls what finance may; the admin what only admins (or another role) may.
    const adminOnly = (r: (typeof stepUpRoutes)[number]) =>
      r.access?.kind === 'staff' && r.access.roles !== 'any' && (r.access.roles.includes('admin') || !r.access.roles.includes('finance'));
    await stale(token);
    await stale(adminOf);
    for (const r of stepUpRoutes) {
      const tok = adminOnly(r) ? adminOf : token;
      const res = await send(r, tok);
      expect([`${r.method} ${r.path}`, res.status, res.body.code]).toEqual([`${r.method} ${r.path}`, 403, 'step_up_required']);
    }
    const code = codeOf(email, secret);
    await t.http.post('/api/auth/step-up').set(as(token)).send({ code }).expect(200);
    await t.stepUp(adminOf, ADMIN.email);
    for (const r of stepUpRoutes) {
      const tok = adminOnly(r) ? adminOf : token;
      const res = await send(r, tok);
      expect([`${r.method} ${r.path}`, res.body.code]).not.toEqual([`${r.method} ${r.path}`, 'step_up_required']);
    }
    // A replayed step-up code is refused; a confirmation older than STEP_UP_MINUTES is over.
    expect((await t.http.post('/api/auth/step-up').set(as(token)).send({ code }).expect(403)).body.code).toBe('wrong_second_factor');
    await stale(token);
    expect((await t.http.post('/api/adjustments').set(as(token)).set(newKey()).send({}).expect(403)).body.code).toBe('step_up_required');
    expect(t.config.stepUpSeconds).toBe(5 * 60);
  });

  it('an admin resets another account’s factor with a reason (audited; its sessions end; it enrols again), never their own', async () => {
    const email = 'reset-me@test.example';
    const { token } = await enrolledFinance(email);
    const { body: me } = await t.http.get('/api/auth/me').set(as(token)).expect(200);
    const { body: adminMe } = await t.http.get('/api/auth/me').set(as(admin)).expect(200);
    const own = await t.http
      .post(`/api/staff-users/${adminMe.id}/second-factor/reset`)
      .set(as(admin))
      .send({ reason: 'testing' })
      .expect(422);
    expect(own.body.details.rule).toBe('no_self_reset');
    await t.http.post(`/api/staff-users/${me.id}/second-factor/reset`).set(as(admin)).send({}).expect(400);
    await t.http.post(`/api/staff-users/${me.id}/second-factor/reset`).set(as(admin)).send({ reason: 'lost phone' }).expect(200);
    await t.http.get('/api/auth/me').set(as(token)).expect(401);
    const again = await login({ email, password: PASSWORD }).expect(200);
    expect(again.body.secondFactor.enrolled).toBe(false);
    const { rows } = await t.db.pool.query(`SELECT reason FROM audit_log WHERE action = 'staff.second-factor.reset' AND entity_id = $1`, [
      me.id,
    ]);
    expect(rows).toEqual([{ reason: 'lost phone' }]);
  });

  it('no TOTP secret or recovery code in any log line or in any later API answer', async () => {
    expect(revealed.length).toBeGreaterThan(10);
    const later = [
      await t.http.get('/api/auth/me').set(as(admin)),
      await t.http.get('/api/staff-users').query({ range: '[0,99]' }).set(as(admin)),
      await t.http.get('/api/audit-log').query({ range: '[0,199]' }).set(as(admin)),
    ].map((r) => JSON.stringify(r.body));
    for (const body of later) for (const s of revealed) expect(body).not.toContain(s);
    expect(logs.leaked(revealed)).toEqual([]);
    expect(logs.lines.length).toBeGreaterThan(20);
  });
});
