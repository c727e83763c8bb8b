#!/usr/bin/env node
// Issue 12's latency check: /api/health answers in under 100 ms while 10 MB nested JSON
// bodies are being refused. `npm test` runs it after jest, alone, like the browser tests:
// a latency measured while other test files load the same two cores would measure them.
// The api runs as in production (dist, its own process, a fresh migrated database); the
// hostile clients are another process; health is probed from this one.
import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { findPostgres, findRedis, withDatabase } from '../support/services.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const LIMIT_MS = 100;
const INTAKE_KEY = 'health-check-intake-key-0123456789';
const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);

/** Hostile clients: each sends 10 MB of `[[[…]]]` to the targets in turn (with and without a length); prints the statuses. */
const UPLOADER = `
const http = require('node:http');
const { port, targets, clients, uploadsEach } = JSON.parse(process.argv[1]);
const body = Buffer.concat([Buffer.alloc(5e6, '['), Buffer.alloc(5e6, ']')]);
const send = (target, chunked) => new Promise((resolve) => {
  const headers = { 'Content-Type': 'application/json', ...target.headers, ...(chunked ? {} : { 'Content-Length': body.length }) };
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: target.path, headers }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
  req.on('error', (e) => resolve(e.message));
  req.on('socket', (s) => s.on('error', () => undefined)); // the api closes the connection once it has answered
  if (chunked) { for (let i = 0; i < body.length; i += 65536) req.write(body.subarray(i, i + 65536)); req.end(); } else req.end(body);
});
Promise.all(Array.from({ length: clients }, async (_, c) => {
  const out = [];
  for (let i = 0; i < uploadsEach; i++) out.push(await send(targets[(c + i) % targets.length], i % 2 === 1));
  return out;
})).then((all) => process.stdout.write(JSON.stringify(all.flat())));
`;

const TARGETS = [
  { path: '/api/auth/login', headers: {} },
  { path: '/api/intake/sessions', headers: { 'X-Api-Key': INTAKE_KEY } },
  { path: '/api/payout-runs/00000000-0000-4000-8000-000000000000/mark-paid', headers: {} },
  { path: '/api/adjustments', headers: {} },
];

const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

function health(port, agent) {
  const started = performance.now();
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      })
      .on('error', (e) => resolve({ status: 0, ms: performance.now() - started, error: e.message }));
  });
}

/** One round: the uploads in their own process, health probed every 5 ms meanwhile. */
async function round(port, agent) {
  let running = true;
  const uploads = new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', UPLOADER, JSON.stringify({ port, targets: TARGETS, clients: 3, uploadsEach: 6 })], (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout)),
    ),
  ).finally(() => (running = false));
  const probes = [];
  while (running) {
    probes.push(await health(port, agent));
    await new Promise((r) => setTimeout(r, 5)); // pacing the probe, not waiting for a condition
  }
  const statuses = await uploads;
  const ms = probes.map((p) => p.ms).sort((a, b) => a - b);
  return {
    statuses,
    failedProbes: probes.filter((p) => p.status !== 200).length,
    probes: ms.length,
    max: ms[ms.length - 1],
    median: ms[ms.length >> 1],
  };
}

async function main() {
  const cleanups = [];
  try {
    const { admin, stop } = await findPostgres({ embeddedDir: '.data/pg-test', embeddedPort: await freePort() });
    cleanups.push(stop);
    const name = `ppc_t_${Date.now().toString(36)}_health${process.pid}`; // dropped by the jest setup if this run dies
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const url = withDatabase(admin, name);
    const [{ runMigrations }, { SCHEMA }] = await Promise.all([
      dist('libs/core/src/database/data-source.js'),
      dist('libs/schema/src/schema.js'),
    ]);
    await runMigrations(url, SCHEMA);

    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL: await findRedis(),
      QUEUE_PREFIX: `h${Date.now().toString(36)}`,
      PORT: String(port),
      INTAKE_API_KEY: INTAKE_KEY,
      LOG_LEVEL: 'warn',
    };
    const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: ROOT, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => api.once('exit', resolve));
    cleanups.push(async () => {
      if (api.exitCode === null) api.kill('SIGTERM');
      await exited;
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => agent.destroy());
    for (const deadline = Date.now() + 60_000; (await health(port, agent)).status !== 200;) {
      if (api.exitCode !== null || Date.now() > deadline) throw new Error('the api did not start');
      await new Promise((r) => setTimeout(r, 200)); // polling for the api to answer
    }
    const quiet = [];
    for (let i = 0; i < 20; i++) quiet.push((await health(port, agent)).ms);
    console.log(`[security] health without hostile traffic: max ${Math.max(...quiet).toFixed(1)} ms over ${quiet.length} probes`);
    // Up to three rounds: on a machine shared with other work one round can lose the CPU;
    // an api that blocks its event loop on hostile bodies fails every round.
    const rounds = [];
    while (rounds.length < 3 && !rounds.some((r) => r.max < LIMIT_MS)) rounds.push(await round(port, agent));
    let ok = rounds.some((r) => r.max < LIMIT_MS);
    for (const r of rounds) {
      console.log(
        `[security] health during ${r.statuses.length} hostile 10 MB uploads: ${r.probes} probes, max ${r.max.toFixed(1)} ms, median ${r.median.toFixed(1)} ms`,
      );
      const unexpected = r.statuses.filter((s) => s !== 400 && s !== 413);
      if (unexpected.length || r.failedProbes || r.probes < 5) {
        console.log(
          `[security] ✗ uploads answered ${JSON.stringify(unexpected)}, ${r.failedProbes} failed health probes, ${r.probes} probes`,
        );
        ok = false;
      }
    }
    console.log(
      ok
        ? `  ✓ health under ${LIMIT_MS} ms while 10 MB nested bodies are refused`
        : `  ✗ health not under ${LIMIT_MS} ms while 10 MB nested bodies are refused`,
    );
    return ok;
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((e) => console.log(`cleanup: ${e.message}`));
  }
}

main().then(
  (ok) => {
    console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
    process.exit(ok ? 0 : 1);
  },
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
