import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { apiBenchDatabase } from './api-seed.js';
import { currentCode } from '../libs/core/src/auth/totp-code.js';

interface Case {
  list: string;
  name: string;
  /** The request path after /api/. */
  path: string;
}

/** Issue 14's goal per case, with 50 connections. */
const GOAL = { p99Ms: 50, reqPerSec: 1000 };

const PORT = 3917;
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };

/** The lists of issue 14 and what the console asks of them: first page, deep page, every sort, its filters. */
function cases(run: string, author: string, story: string): Case[] {
  const out: Case[] = [];
  const qs = (q: Record<string, unknown>) =>
    Object.entries(q)
      .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
      .join('&');
  const list = (
    resource: string,
    sorts: string[],
    filters: Record<string, Record<string, unknown>>,
    scope: Record<string, unknown> = {},
  ) => {
    const s = (name: string, query: Record<string, unknown>) => out.push({ list: resource, name, path: `${resource}?${qs(query)}` });
    s('first page', { range: [0, 24], filter: scope });
    s('deep page (50,000)', { range: [50000, 50024], filter: scope });
    for (const field of sorts)
      for (const dir of ['ASC', 'DESC']) s(`sort ${field} ${dir}`, { sort: [field, dir], range: [0, 24], filter: scope });
    for (const [name, filter] of Object.entries(filters)) s(`filter ${name}`, { range: [0, 24], filter: { ...scope, ...filter } });
  };
  const earningsSorts = ['earningsMicros', 'views', 'reads', 'memberReads', 'memberReadingSeconds', 'storyId', 'boostBonusMicros'];
  list('story-earnings', earningsSorts, {
    runId: { runId: run },
    period: { period: '2025-03' },
    authorId: { authorId: author },
    storyId: { storyId: story },
    q: { q: 'Story 12345' },
  });
  list('story-earnings', ['earningsMicros', 'storyId'], {}, { runId: run }); // the run page's tab
  list('statements', ['balanceMicros', 'payoutCents', 'authorId', 'period', 'status'], {
    runId: { runId: run },
    period: { period: '2025-03' },
    authorId: { authorId: author },
    status: { status: 'below_threshold' },
    q: { q: 'Member 4242' },
  });
  list('statements', ['balanceMicros'], {}, { runId: run });
  list('stories', ['id', 'title', 'publishedAt', 'status'], {
    authorId: { authorId: author },
    status: { status: 'draft' },
    language: { language: 'de' },
    membersOnly: { membersOnly: true },
    q: { q: 'Story 4242' },
  });
  list('members', ['id', 'name', 'joinedAt'], {
    country: { country: 'DE' },
    earningsExcluded: { earningsExcluded: true },
    joinedAt: { joinedAt_gte: '2023-06-01T00:00:00Z', joinedAt_lte: '2023-07-01T00:00:00Z' },
    q: { q: 'Member 4242' },
  });
  // A member's sessions: the member page sums the reading of the current month and the two before.
  out.push({ list: 'member sessions', name: 'member page (3 months)', path: `members/${author}` });
  return out;
}

async function startApi(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      QUEUE_PREFIX: 'benchapi',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`api exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('api listening') && ready());
  });
  return child;
}

/**
 * A bearer token of the bench's admin, who (as every admin) must have a second factor: each run
 * enrols a fresh one (the database's is reset first, its secret being unknown to this run).
 */
async function signIn(url: string): Promise<string> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`UPDATE staff_users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL WHERE email = $1`, [
    ADMIN.email,
  ]);
  await db.end();
  const post = async (path: string, body: object, token?: string) => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, string>>;
  };
  const { accessToken } = await post('login', ADMIN);
  const { secret } = await post('second-factor/enrol', {}, accessToken);
  await post('second-factor/confirm', { code: currentCode(secret) }, accessToken);
  return accessToken;
}

/**
 * `npm run bench -- api [--duration 5] [--only story-earnings]`: seeds (or reuses) a database
 * with 1M rows per listed table, starts the real api in its own process, and drives autocannon
 * with 50 connections at each case; prints req/s, p50 and p99 per case and the load average.
 */
export async function benchApi(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const duration = Number(opt('duration', '5'));
  const only = opt('only', '');
  const url = await apiBenchDatabase();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const {
    rows: [ids],
  } = await db.query(`SELECT (SELECT id FROM payout_runs WHERE period = '2025-03') AS run,
    (SELECT id FROM members WHERE key = 4242) AS author, (SELECT id FROM stories WHERE key = 12345) AS story`);
  await db.end();

  const api = await startApi(url);
  try {
    const headers = { authorization: `Bearer ${await signIn(url)}` };
    console.log(`\nlist            case                                req/s    p50 ms  p99 ms  errors  total (basis)   load`);
    const worst = new Map<string, { p99: number; rps: number; failed: boolean }>();
    const note = (list: string, p99: number, rps: number, failed: boolean) => {
      const w = worst.get(list) ?? { p99: 0, rps: Infinity, failed: false };
      worst.set(list, { p99: Math.max(w.p99, p99), rps: Math.min(w.rps, rps), failed: w.failed || failed });
    };
    for (const c of cases(ids.run, ids.author, ids.story)) {
      if (only && c.list !== only) continue;
      const path = `/api/${c.path}`;
      // The probe also drains what the previous case left queued; a case the api cannot answer in a minute is reported, not fatal.
      const probe = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers, signal: AbortSignal.timeout(60_000) }).catch(() => null);
      if (!probe) {
        console.log(`${c.list.padEnd(16)}${c.name.padEnd(34)}  no answer within 60 s (one request)`);
        note(c.list, Infinity, 0, true);
        continue;
      }
      if (!probe.ok) throw new Error(`${c.list} ${c.name}: ${probe.status} ${await probe.text()}`);
      const range = probe.headers.get('content-range');
      const total = range ? `${range.split('/')[1]} (${probe.headers.get('x-total-basis') ?? 'exact'})` : '-';
      const r = await autocannon({ url: `http://127.0.0.1:${PORT}${path}`, connections: 50, duration, headers });
      const errors = r.non2xx + r.errors + r.timeouts;
      console.log(
        `${c.list.padEnd(16)}${c.name.padEnd(34)}${String(Math.round(r.requests.average)).padStart(7)}  ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)}  ${String(errors).padStart(6)}  ${total.padEnd(15)} ${loadavg()[0].toFixed(2)}`,
      );
      note(c.list, r.latency.p99, r.requests.average, errors > 0);
    }
    console.log(`\nlist            worst p99 ms  lowest req/s  goal (p99 <= ${GOAL.p99Ms} ms, >= ${GOAL.reqPerSec} req/s, no errors)`);
    for (const [list, w] of worst) {
      const holds = !w.failed && w.p99 <= GOAL.p99Ms && w.rps >= GOAL.reqPerSec;
      console.log(
        `${list.padEnd(16)}${String(w.p99).padStart(12)}  ${String(Math.round(w.rps)).padStart(12)}  ${holds ? 'holds' : 'missed'}`,
      );
    }
    console.log(
      `load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await new Promise((r) => (api.once('exit', r), api.kill('SIGTERM')));
  }
}
