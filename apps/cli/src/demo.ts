import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { AppConfig } from '../../../libs/core/src/config/config.js';
import { hashPassword } from '../../../libs/core/src/staff/staff.service.js';
import type { Role } from '../../../libs/core/src/staff/staff-user.entity.js';
import { periodBefore } from '../../../libs/core/src/period/period.js';

const CLI = fileURLToPath(new URL('./main.js', import.meta.url));
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_STAFF: { email: string; name: string; roles: Role[] }[] = [
  { email: 'reviewer@example.com', name: 'Rita Reviewer', roles: ['reviewer'] },
  { email: 'curator@example.com', name: 'Carl Curator', roles: ['curator'] },
  { email: 'finance@example.com', name: 'Fiona Finance', roles: ['finance'] },
  { email: 'finance2@example.com', name: 'Frank Finance', roles: ['finance'] },
  { email: 'support@example.com', name: 'Sam Support', roles: ['support'] },
];

function cli(args: string[], databaseUrl: string): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } });
  if (r.status !== 0) throw new Error(`${args[0]} failed`);
}

/**
 * Demo data, once per database: the small demo bundle (generated if missing) for the last
 * two months, imported through the real import, and one staff account per role.
 */
export async function loadDemo(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM members`);
    if (rows[0].n === 0) {
      const dir = `demo-data/small-${periodBefore()}`; // per month, so the demo always covers the last two closed months
      if (!existsSync(`${dir}/sessions.ndjson`)) cli(['demo-data', '--size', 'small', '--out', dir], databaseUrl);
      cli(['import', dir], databaseUrl);
    }
    for (const s of DEMO_STAFF) {
      await db.query(`INSERT INTO staff_users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING`, [
        s.email, s.name, s.roles, await hashPassword(DEMO_PASSWORD),
      ]);
    }
  } finally {
    await db.end();
  }
}

async function call(base: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    // A write is a money action here (start, approve): each call is one action, so one key.
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'idempotency-key': randomUUID() }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/**
 * Payout runs for the demo months through the real api and worker: the month before last
 * approved (four eyes: started by one finance person, approved by another), last month
 * computed and waiting for approval. Skipped when runs exist.
 */
export async function seedDemoRuns(config: AppConfig): Promise<void> {
  const base = `http://127.0.0.1:${config.port}`;
  for (let i = 0; i < 100 && (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) === false; i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = async (email: string) => (await call(base, '/api/auth/login', null, { email, password: DEMO_PASSWORD })).json.accessToken as string;
  const [starter, approver] = [await login('finance@example.com'), await login('finance2@example.com')];
  const existing = await call(base, '/api/payout-runs', starter);
  if (Array.isArray(existing.json) && existing.json.length) return;
  const last = periodBefore();
  const before = periodBefore(new Date(`${last}-15T00:00:00Z`));
  for (const period of [before, last]) {
    const { json: run } = await call(base, '/api/payout-runs', starter, { period });
    let status = run.status as string;
    while (status === 'queued' || status === 'running') {
      await new Promise((r) => setTimeout(r, 250));
      status = (await call(base, `/api/payout-runs/${run.id}`, starter)).json.status as string;
    }
    console.log(`demo payout run ${period}: ${status}`);
    if (period === before && status === 'computed') await call(base, `/api/payout-runs/${run.id}/approve`, approver, {});
  }
}
