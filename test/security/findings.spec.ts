import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import proxyaddr from 'proxy-addr';
import { DataSource } from 'typeorm';
import { adminSignIn } from '../../apps/cli/src/serve.js';
import { fromDatabase } from '../../libs/core/src/http/database-errors.js';
import { routeTable } from '../../libs/core/src/auth/route-table.js';
import { CurationFixtures } from '../boost-curation/fixtures.js';
import { validBundle } from '../intake/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { sql, TableFactory } from '../support/factory.js';
import { LogCapture } from './log-capture.js';

/** Issue 12, HTTP side: each finding as it was reported, answered as it must be now. */
describe('issue 12 findings: parsing, validation, errors, logging, headers', () => {
  const logs = new LogCapture();
  let t: TestApp;
  let admin: string;
  let curator: string;
  let finance: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const count = async (table: string) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  /** 10 MB of nested arrays: `[[[[…]]]]` (a string: supertest would send a Buffer as JSON of its bytes). */
  const nestedArrays = (bytes: number) => `${'['.repeat(bytes / 2)}${']'.repeat(bytes / 2)}`;
  const nestedObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' }, { logDestination: logs.destination });
    [admin, curator, finance] = [await t.adminToken(), await t.tokenFor(['curator']), await t.tokenFor(['finance'])];
  });
  afterAll(() => t.close());

  it('10 MB of nested arrays to POST /api/auth/login without a token: 413 before reading it, health answers meanwhile', async () => {
    const [login, health] = await Promise.all([
      t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(nestedArrays(10_000_000)),
      t.http.get('/api/health'),
    ]);
    expect({ status: login.status, code: login.body.code }).toEqual({ status: 413, code: 'payload_too_large' });
    expect(health.status).toBe(200);
    // where 10 MB is allowed (intake), the depth limit refuses it at the first bytes
    const intake = await t.http
      .post('/api/intake/members')
      .set('X-Api-Key', t.config.intakeApiKey)
      .set('Content-Type', 'application/json')
      .send(nestedArrays(10_000_000));
    expect({ status: intake.status, field: intake.body.details?.[0]?.field }).toEqual({ status: 400, field: '[0][0][0]' });
  });

  it('20,000 levels of {"a":…} are a 400 or 413 on every write route, never a 500', async () => {
    const body = nestedObjects(20_000);
    const answers: string[] = [];
    for (const route of routeTable(t.app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))) {
      const path = `/api${route.path}`.replace(/:[A-Za-z]+/g, 'x1');
      const req = t.http[route.method.toLowerCase() as 'post'](path).set('Content-Type', 'application/json');
      const res = await (route.access?.kind === 'intake' ? req.set('X-Api-Key', t.config.intakeApiKey) : req.set(as(admin))).send(body);
      answers.push(`${route.method} ${route.path} ${res.status} ${res.body.code}`);
      expect([400, 413]).toContain(res.status);
    }
    expect(answers.length).toBeGreaterThanOrEqual(22);
    expect(answers.filter((a) => a.includes('mark-paid') || a.includes('intake'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/ 400 validation_failed$/)]),
    );
  });

  it('the body limit is small by default (100 kB) and large only for record batches', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(200_000) });
    const res = await t.http.post('/api/countries').set(as(admin)).set('Content-Type', 'application/json').send(big);
    expect({ status: res.status, max: res.body.details?.maxBytes }).toEqual({ status: 413, max: 102400 });
    const members = Array.from({ length: 800 }, (_, i) => ({
      ...validBundle().members[0],
      id: `big-${i}`,
      username: `big${i}`,
      name: 'n'.repeat(200),
    }));
    expect(JSON.stringify(members).length).toBeGreaterThan(200_000);
    await t.http.post('/api/intake/members').set('X-Api-Key', t.config.intakeApiKey).send(members).expect(200);
  });

  it('bulk-approve with {"filter":{"__proto__":{"id":"x"}}} (or constructor) is a 400 and approves nothing', async () => {
    const factory = new TableFactory(t.db.pool);
    const key = await factory.member({
      id: 'proto-m',
      username: 'protom',
      name: 'P',
      email: 'p@x.example',
      country: 'FR',
      birthDate: '1990-01-01',
      joinedAt: sql(`now() - interval '2 years'`),
    });
    await factory.rows('applications', [{ id: 'proto-a', memberKey: key, submittedAt: sql('now()'), country: 'FR', status: 'pending' }]);
    const reviewer = await t.tokenFor(['reviewer']);
    for (const body of ['{"filter":{"__proto__":{"id":"x"}}}', '{"filter":{"constructor":{"id":"x"}}}', '{"filter":{"prototype":1}}']) {
      const res = await t.http.post('/api/applications/bulk-approve').set(as(reviewer)).set('Content-Type', 'application/json').send(body);
      expect({ status: res.status, field: res.body.details?.[0]?.field }).toEqual({
        status: 400,
        field: expect.stringMatching(/^filter\.(__proto__|constructor|prototype)$/),
      });
    }
    expect((await t.db.pool.query(`SELECT status FROM applications WHERE id = 'proto-a'`)).rows[0].status).toBe('pending');
  });

  it('a text/plain body to POST /api/stories/<id>/boost is a 415 and creates no boost; text, XML and form bodies on PUT routes are 415s', async () => {
    const f = new CurationFixtures(t);
    const storyId = await f.storyId(await f.story({ author: await f.member(), publication: await f.publication() }));
    const boosts = await count('boosts');
    const plain = await t.http
      .post(`/api/stories/${storyId}/boost`)
      .set(as(curator))
      .set('Content-Type', 'text/plain')
      .send('please boost');
    expect({ status: plain.status, code: plain.body.code }).toEqual({ status: 415, code: 'unsupported_media_type' });
    expect(await count('boosts')).toBe(boosts);
    const versions = await count('earnings_parameter_sets');
    const france = (await t.db.pool.query(`SELECT * FROM countries WHERE code = 'FR'`)).rows;
    for (const [type, body] of [
      ['text/plain', 'name=Nowhere'],
      ['application/xml', '<country><name>Nowhere</name></country>'],
      ['application/x-www-form-urlencoded', 'name=Nowhere&payable=false'],
      ['application/json; charset=latin1', '{"name":"Nowhere"}'],
    ]) {
      for (const path of ['/api/countries/FR', '/api/earnings-parameters/current', '/api/tickets/x1', '/api/saved-replies/x1']) {
        const res = await t.http.put(path).set(as(admin)).set('Content-Type', type).send(body);
        expect({ path, type, status: res.status }).toEqual({ path, type, status: 415 });
      }
    }
    expect(await count('earnings_parameter_sets')).toBe(versions);
    expect((await t.db.pool.query(`SELECT * FROM countries WHERE code = 'FR'`)).rows).toEqual(france);
    // the same story boosts with JSON: the 415 alone stopped the write
    await t.http.post(`/api/stories/${storyId}/boost`).set(as(curator)).send({}).expect(201);
  });

  it('client input that used to give a 500: mark-paid {"payouts":null}, a date of +275760-09-13 in list filters, a unique violation', async () => {
    const markPaid = await t.http
      .post(`/api/payout-runs/00000000-0000-4000-8000-000000000000/mark-paid`)
      .set(as(finance))
      .set('Idempotency-Key', 'findings-mark-paid-null')
      .send({ payouts: null });
    expect({ status: markPaid.status, field: markPaid.body.details?.[0]?.field }).toEqual({ status: 400, field: 'payouts' });
    for (const [resource, field] of [
      ['applications', 'submittedAt_gte'],
      ['applications', 'decidedAt_lte'],
      ['partners', 'enrolledAt_gte'],
      ['tickets', 'createdAt_gte'],
      ['boosts', 'startsAt_gte'],
      ['stories', 'publishedAt_lte'],
      ['nominations', 'nominatedAt_gte'],
      ['referrals', 'referredAt_gte'],
      ['countries', 'dateAdded_gte'],
    ]) {
      const res = await t.http
        .get(`/api/${resource}`)
        .query({ filter: JSON.stringify({ [field]: '+275760-09-13' }) })
        .set(as(admin));
      expect({ resource, field, status: res.status }).toEqual({ resource, field, status: 400 });
    }
    // the database's own refusals are 4xx too: a unique violation is a 409, not a 500
    const dup = await t.app
      .get(DataSource)
      .query(`INSERT INTO countries (code, name, payable, date_added) VALUES ('FR', 'again', true, now())`)
      .catch((e: unknown) => e);
    const { ApiExceptionFilter } = await import('../../libs/core/src/http/exception.filter.js');
    const sent: { status?: number; body?: { code: string } } = {};
    const res = {
      headersSent: false,
      status: (s: number) => ((sent.status = s), res),
      json: (b: { code: string }) => void (sent.body = b),
    };
    new ApiExceptionFilter().catch(dup, { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ id: 'r' }) }) } as never);
    expect({ status: sent.status, code: sent.body?.code }).toEqual({ status: 409, code: 'conflict' });
  });

  it('every database error client input can cause is a 4xx: classes 22 and 23, lost races, lock timeouts', async () => {
    const expected: Record<string, number> = {
      '22001': 400,
      '22003': 400,
      '22007': 400,
      '22008': 400,
      '22009': 400,
      '22P02': 400,
      '22021': 400,
      '22P05': 400,
      '2201W': 400,
      '2201X': 400,
      '22025': 400,
      '2201B': 400,
      '23502': 400,
      '23503': 409,
      '23505': 409,
      '23P01': 409,
      '23514': 422,
      '40001': 409,
      '40P01': 409,
      '55P03': 409,
      '54000': 400,
    };
    expect(Object.fromEntries(Object.keys(expected).map((code) => [code, fromDatabase({ code })?.statusCode]))).toEqual(expected);
    expect(fromDatabase({ code: '42P01' })).toBeNull(); // a missing table is a bug: a logged 500
    // and the real ones, as PostgreSQL raises them
    const ds = t.app.get(DataSource);
    for (const [sql, code] of [
      [`SELECT '2147483648'::int`, '22003'],
      [`SELECT 'x'::date`, '22007'],
      [`SELECT '+275760-09-13'::timestamptz`, '22009'], // the lists' finding
      [`SELECT '2026-02-30'::date`, '22008'],
      [`SELECT 'x'::int`, '22P02'],
      [`SELECT 1 LIMIT -1`, '2201W'],
      [`SELECT 'a' LIKE 'a' ESCAPE 'ab'`, '22025'],
    ]) {
      const error = (await ds.query(sql).catch((e: unknown) => e)) as { driverError?: { code?: string } };
      expect({ sql, code: error.driverError?.code }).toEqual({ sql, code });
      expect(fromDatabase(error.driverError!)?.statusCode).toBe(400);
    }
  });

  it('20 parallel intake posts of different application ids for one member: no 5xx', async () => {
    const b = validBundle();
    await t.http.post('/api/intake/members').set('X-Api-Key', t.config.intakeApiKey).send(b.members).expect(200);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .post('/api/intake/applications')
          .set('X-Api-Key', t.config.intakeApiKey)
          .send([{ ...b.applications[0], id: `race-${i}` }]),
      ),
    );
    expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([]);
  });

  it('PUT /api/earnings-parameters/current {"writerShareBps":null} is a 400 and stores nothing', async () => {
    const versions = await count('earnings_parameter_sets');
    const res = await t.http.put('/api/earnings-parameters/current').set(as(admin)).send({ writerShareBps: null });
    expect({ status: res.status, details: res.body.details[0] }).toEqual({
      status: 400,
      details: { field: 'writerShareBps', message: 'writerShareBps may be omitted but must not be null' },
    });
    expect(await count('earnings_parameter_sets')).toBe(versions);
  });

  it('no password hash or query parameter in any log line: a staff create with a NUL byte in the name, a failed query holding a hash', async () => {
    logs.watchConsole();
    try {
      const password = 'nul-byte-password-123';
      const res = await t.http
        .post('/api/staff-users')
        .set(as(admin))
        .send({ email: 'nul@test.example', name: 'a\u0000b', roles: ['support'], password });
      expect({ status: res.status, field: res.body.details?.[0]?.field }).toEqual({ status: 400, field: 'name' });
      const hash = (await t.db.pool.query(`SELECT password_hash FROM staff_users LIMIT 1`)).rows[0].password_hash as string;
      // a query the database refuses, with a hash among its parameters (22P02 quotes the value in its message)
      await t.app
        .get(DataSource)
        .query(`SELECT $1::int, $2::text`, [hash, hash])
        .catch(() => undefined);
      await t.app
        .get(DataSource)
        .query(`INSERT INTO staff_users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4)`, [
          'x@y.example',
          'n\u0000',
          ['support'],
          hash,
        ])
        .catch(() => undefined);
      expect(logs.text()).toMatch(/"code":"22P02"/); // the failure itself is logged…
      expect(logs.leaked([hash, password, admin, t.config.adminPassword, t.config.jwtSecret])).toEqual([]); // …its parameters are not
      expect(logs.text()).not.toMatch(/\$argon2/);
    } finally {
      logs.restore();
    }
  });

  it('the start-up banner never prints the configured admin password', () => {
    expect(adminSignIn(t.config)).not.toContain(t.config.adminPassword);
    expect(adminSignIn(t.config)).toContain(t.config.adminEmail);
  });

  it('headers: CSP with frame-ancestors none, nosniff, Referrer-Policy, no X-Powered-By, no-store on personal data and money', async () => {
    for (const path of [
      '/api/staff-users',
      '/api/statements',
      '/api/payout-runs/00000000-0000-4000-8000-000000000000/payout-file',
      '/api/health',
    ]) {
      const res = await t.http.get(path).set(as(admin));
      expect({ path, cache: res.headers['cache-control'] }).toEqual({ path, cache: 'no-store' });
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined(); // not configured for TLS
    }
  });

  it('CORS is closed by default (preflight included) and open only to configured origins; HSTS when configured', async () => {
    const evil = 'https://evil.example';
    const simple = await t.http.get('/api/health').set('Origin', evil);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http.options('/api/staff-users').set('Origin', evil).set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();

    const configured = await startTestApp({ CORS_ORIGINS: 'https://console.example.com', HSTS_MAX_AGE: '31536000' });
    try {
      const ok = await configured.http
        .options('/api/staff-users')
        .set('Origin', 'https://console.example.com')
        .set('Access-Control-Request-Method', 'POST');
      expect(ok.headers['access-control-allow-origin']).toBe('https://console.example.com');
      const refused = await configured.http.get('/api/health').set('Origin', evil);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await configured.close();
    }
  });

  it('X-Forwarded-For is believed only from configured proxies (TRUSTED_PROXIES; none by default)', async () => {
    const req = {
      headers: { 'x-forwarded-for': '203.0.113.9' },
      socket: { remoteAddress: '127.0.0.1' },
      connection: { remoteAddress: '127.0.0.1' },
    };
    const ipWith = (app: TestApp) => proxyaddr(req as never, app.app.getHttpAdapter().getInstance().get('trust proxy fn'));
    expect(ipWith(t)).toBe('127.0.0.1');
    const behindProxy = await startTestApp({ TRUSTED_PROXIES: 'loopback' });
    try {
      expect(ipWith(behindProxy)).toBe('203.0.113.9');
    } finally {
      await behindProxy.close();
    }
  });

  it('intake records with __proto__ or constructor keys are refused (by name, per record), nested ones refuse the batch; nothing is stored', async () => {
    const before = await count('members');
    const member = '"id":"proto-1","username":"p1","name":"P","email":"p1@x.example","country":"FR","joinedAt":"2024-01-01T00:00:00Z"';
    for (const key of ['__proto__', 'constructor']) {
      const res = await t.http
        .post('/api/intake/members')
        .set('X-Api-Key', t.config.intakeApiKey)
        .set('Content-Type', 'application/json')
        .send(`[{${member},"${key}":{"admin":true}}]`);
      expect({ status: res.status, rejected: res.body.rejected, reason: res.body.results?.[0]?.reason }).toEqual({
        status: 200,
        rejected: 1,
        reason: expect.stringContaining(key),
      });
      const nested = await t.http
        .post('/api/intake/members')
        .set('X-Api-Key', t.config.intakeApiKey)
        .set('Content-Type', 'application/json')
        .send(`[{${member},"name":{"${key}":1}}]`);
      expect({ status: nested.status, field: nested.body.details?.[0]?.field }).toEqual({ status: 400, field: `[0].name.${key}` });
    }
    expect(await count('members')).toBe(before);
  });
});
