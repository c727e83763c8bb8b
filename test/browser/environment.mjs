// The real product for the browser tests: a fresh PostgreSQL database (found the way the
// jest global setup finds one), the demo data (generated, then imported with the cli),
// and the built api (serving apps/admin/dist) and worker as child processes.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgres, findRedis, withDatabase } from '../support/services.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;

export const ADMIN = { email: 'admin@demo.example', password: 'admin-demo-password' };
/** TOTP secrets (base32) of the enrolled browser-test accounts: the admin and the two finance people. */
export const TOTP = {
  'admin@demo.example': 'ADMINBROWSERADMINBROWSERADMINBRW',
  'finance@demo.example': 'FINANCEBROWSERFIONAFINANCEBROWSR',
  'approver@demo.example': 'APPROVERBROWSERARJUNAPPROVERBRWS',
  'integrity@demo.example': 'INTEGRITYBROWSERIVYINTEGRITYBRWS',
};
const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);
/** A code of an enrolled account not used yet by this process (see libs/core/src/auth/totp-code.ts). */
export async function codeFor(email, secret = TOTP[email]) {
  const { unusedCode } = await dist('libs/core/src/auth/totp-code.js');
  // A code works once, and an account has two usable ones at a time (this 30 s step's and the
  // next's): after that, the protocol itself makes the next sign-in wait for the clock.
  return until(`an unused code for ${email}`, async () => unusedCode(email, secret), 65_000, 500);
}
/** Enrols an existing account with a known secret, as `npm run demo` does (sealed with the configuration's key). */
async function enrolKnown(databaseUrl, env, email, secret) {
  const { seal } = await dist('libs/core/src/auth/secret-box.js');
  const { loadConfig } = await dist('libs/core/src/config/config.js');
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT id FROM staff_users WHERE email = $1`, [email]);
    await c.query(`UPDATE staff_users SET totp_secret = $2, totp_enabled_at = now(), totp_last_step = NULL WHERE id = $1`, [
      rows[0].id,
      seal(loadConfig(env).secondFactorKey, secret, rows[0].id),
    ]);
  } finally {
    await c.end();
  }
}
export const STAFF_PASSWORD = 'staff-demo-password';
/** The demo staff, created through the API by the first admin. */
export const STAFF = {
  reviewer: { email: 'reviewer@demo.example', name: 'Rita Reviewer', roles: ['reviewer'] },
  curator: { email: 'curator@demo.example', name: 'Carl Curator', roles: ['curator'] },
  finance: { email: 'finance@demo.example', name: 'Fiona Finance', roles: ['finance'] },
  approver: { email: 'approver@demo.example', name: 'Arjun Approver', roles: ['finance'] },
  support: { email: 'support@demo.example', name: 'Sam Support', roles: ['support'] },
  integrity: { email: 'integrity@demo.example', name: 'Ivy Integrity', roles: ['integrity'] },
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function cli(args, env, log) {
  const r = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  log.write(`$ cli ${args.join(' ')}\n${r.stdout}${r.stderr}\n`);
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A child process whose output goes to a log file; `stop` ends it (SIGTERM) and waits. */
function child(name, script, env, logDir) {
  const out = createWriteStream(join(logDir, `${name}.log`));
  const proc = spawn(process.execPath, ['--enable-source-maps', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.pipe(out);
  proc.stderr.pipe(out);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  // Should this process die without cleaning up, its children go with it.
  const orphanGuard = () => proc.kill('SIGTERM');
  process.once('exit', orphanGuard);
  exited.then(() => process.off('exit', orphanGuard));
  return {
    proc,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Polls a condition (the API's health, a run's state) until it holds; never a fixed sleep. */
export async function until(what, probe, timeoutMs = 60_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A small client for the API (setup and checks next to what the browser shows). */
export function apiClient(base) {
  const emailOf = new Map();
  /** A money action answered step_up_required: confirm with a code of the token's account, then retry once. */
  async function call(method, path, options = {}) {
    const first = await send(method, path, options);
    const email = options.token && emailOf.get(options.token);
    if (first.status !== 403 || first.json?.code !== 'step_up_required' || !TOTP[email]) return first;
    const stepped = await send('POST', 'auth/step-up', { token: options.token, body: { code: await codeFor(email) } });
    if (stepped.status !== 200) throw new Error(`step-up as ${email}: ${stepped.status} ${JSON.stringify(stepped.json)}`);
    return send(method, path, options);
  }
  async function send(method, path, { token, body } = {}) {
    const res = await fetch(`${base}/api/${path}`, {
      method,
      // each write is one action: its own Idempotency-Key (money writes require one)
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }
  const list = (resource, { filter = {}, sort, range = [0, 24] } = {}) =>
    `${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent(JSON.stringify(range))}${sort ? `&sort=${encodeURIComponent(JSON.stringify(sort))}` : ''}`;
  return {
    call,
    list,
    async login(email, password, secret = TOTP[email]) {
      const code = secret ? { code: await codeFor(email, secret) } : {};
      const r = await send('POST', 'auth/login', { body: { email, password, ...code } });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.json)}`);
      emailOf.set(r.json.accessToken, email);
      if (secret) TOTP[email] ??= secret;
      return r.json.accessToken;
    },
    async get(path, token) {
      const r = await call('GET', path, { token });
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    },
  };
}

/** The closed month before `now` (UTC), YYYY-MM: what the console proposes for a new run. */
export function previousMonth(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The two months the demo data covers, read from the data (the bundle in demo-data/small is
 * generated once, for the two months before the day it was made).
 */
async function dataPeriods(databaseUrl) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT to_char(max(started_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS latest FROM sessions`);
    const latest = rows[0].latest;
    if (!latest) throw new Error('the demo data has no reading sessions');
    return { latest, earlier: previousMonth(new Date(`${latest}-15T00:00:00Z`)) };
  } finally {
    await c.end();
  }
}

export async function startEnvironment({ outDir, log = console.log }) {
  mkdirSync(outDir, { recursive: true });
  const cliLog = createWriteStream(join(outDir, 'setup.log'));
  const cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e) => log(`cleanup: ${e.message}`));
    cliLog.end();
  };
  try {
    // 1. PostgreSQL: DATABASE_URL, else the local server, else embedded (as the jest global setup).
    const { admin, source, stop } = await findPostgres({ embeddedDir: '.data/pg-browser', embeddedPort: await freePort() });
    cleanups.push(stop);
    // The jest global setup drops `ppc_t_<base36 time>_...` databases older than a day, should a run die.
    const name = `ppc_t_${Date.now().toString(36)}_browser${process.pid}`;
    const adminClient = new pg.Client({ connectionString: admin });
    await adminClient.connect();
    await adminClient.query(`CREATE DATABASE ${name}`);
    await adminClient.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const databaseUrl = withDatabase(admin, name);

    const redis = await findRedis();
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis,
      QUEUE_PREFIX: `b${Date.now().toString(36)}${process.pid}`,
      PORT: String(port),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'browser-test-jwt-secret-0123456789',
      INTAKE_API_KEY: 'browser-test-intake-key-0123456789',
      LOG_LEVEL: process.env.BROWSER_LOG_LEVEL ?? 'warn',
    };
    log(`[browser] database: ${source} (${name}); queues: ${redis ? 'Redis' : 'BullMQ PostgreSQL backend'}`);

    // 2. Schema and demo data: `migrate`, then the loader `npm run demo` uses (apps/cli/src/demo.ts:
    // the small demo bundle, generated into demo-data/small when missing, through the real import).
    const t0 = Date.now();
    cli(['migrate'], env, cliLog);
    const loader = join(ROOT, 'dist/apps/cli/src/demo.js');
    const loaded = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const { loadDemo } = await import(process.argv[1]); await loadDemo(process.env.DATABASE_URL);',
        loader,
      ],
      { cwd: ROOT, env, encoding: 'utf8' },
    );
    cliLog.write(`$ loadDemo\n${loaded.stdout}${loaded.stderr}\n`);
    if (loaded.status !== 0) throw new Error(`loading the demo data failed:\n${loaded.stderr || loaded.stdout}`);
    const periods = await dataPeriods(databaseUrl);
    log(`[browser] demo data (${periods.earlier} and ${periods.latest}) loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // 3. The api (serving the built console) and the worker.
    if (!existsSync(join(ROOT, 'apps/admin/dist/index.html')))
      throw new Error('apps/admin/dist is missing: build the console first (npm test does)');
    const api = child('api', 'dist/apps/api/src/main.js', env, outDir);
    const worker = child('worker', 'dist/apps/worker/src/main.js', env, outDir);
    cleanups.push(
      () => api.stop(),
      () => worker.stop(),
    );
    const base = `http://127.0.0.1:${port}`;
    let apiExit = null;
    api.exited.then((code) => (apiExit = code));
    await until(
      'the api to answer /api/health',
      async () => {
        if (apiExit !== null) throw new Error(`the api exited (${apiExit}); see ${join(outDir, 'api.log')}`);
        const r = await fetch(`${base}/api/health`);
        return r.status === 200;
      },
      60_000,
    );

    // 4. The demo staff, created by the first admin through the API.
    const api$ = apiClient(base);
    await enrolKnown(databaseUrl, env, ADMIN.email, TOTP[ADMIN.email]);
    const adminToken = await api$.login(ADMIN.email, ADMIN.password);
    for (const s of Object.values(STAFF)) {
      const r = await api$.call('POST', 'staff-users', { token: adminToken, body: { ...s, password: STAFF_PASSWORD } });
      if (r.status !== 201 && r.status !== 200) throw new Error(`creating ${s.email}: ${r.status} ${JSON.stringify(r.json)}`);
      if (TOTP[s.email]) await enrolKnown(databaseUrl, env, s.email, TOTP[s.email]);
    }
    return { base, api: api$, adminToken, databaseUrl, periods, cleanup, logs: outDir };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
