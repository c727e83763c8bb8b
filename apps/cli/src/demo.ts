import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { AppConfig } from '../../../libs/core/src/config/config.js';
import { hashPassword } from '../../../libs/core/src/staff/staff.service.js';
import type { Role } from '../../../libs/core/src/staff/staff-user.entity.js';
import { periodBefore } from '../../../libs/core/src/period/period.js';
import { demoApi, until } from './demo-api.js';
import { DEMO_TOTP_SECRETS, enrolDemoFactors } from './demo-totp.js';
import { seedPayoutHistory } from './demo-history.js';
import { rewriteEarningsTickets, seedSavedReplies } from './demo-support.js';

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

/** How many months the demo data covers (ending with the last closed month): enough history for the charts. */
export const DEMO_MONTHS = 6;

/** The demo's months, oldest first, ending with the last closed month. */
export function demoPeriods(now = new Date()): string[] {
  const periods = [periodBefore(now)];
  while (periods.length < DEMO_MONTHS) periods.unshift(periodBefore(new Date(`${periods[0]}-15T00:00:00Z`)));
  return periods;
}

/**
 * Demo data, once per database: the small demo bundle (generated if missing) for the last
 * DEMO_MONTHS months, imported through the real import, and one staff account per role.
 */
export async function loadDemo(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM members`);
    if (rows[0].n === 0) {
      const dir = `demo-data/small-${DEMO_MONTHS}m-${periodBefore()}`; // per month, so the demo always ends with the last closed month
      if (!existsSync(`${dir}/sessions.ndjson`))
        cli(['demo-data', '--size', 'small', '--months', String(DEMO_MONTHS), '--out', dir], databaseUrl);
      cli(['import', dir], databaseUrl);
    }
    for (const s of DEMO_STAFF) {
      await db.query(`INSERT INTO staff_users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING`, [
        s.email,
        s.name,
        s.roles,
        await hashPassword(DEMO_PASSWORD),
      ]);
    }
  } finally {
    await db.end();
  }
}

/**
 * Through the real api and worker, once (skipped when runs exist): the payout runs of every
 * demo month (demo-history.ts), a saved reply per ticket category, and the earnings tickets
 * rewritten with the runs' own figures (demo-support.ts).
 */
export async function seedDemoRuns(config: AppConfig, databaseUrl: string): Promise<void> {
  const api = demoApi(`http://127.0.0.1:${config.port}`, DEMO_TOTP_SECRETS);
  await until('the api', async () => (await api.call('/api/health', null)).status === 200);
  await enrolDemoFactors(databaseUrl, config); // after the api's start: the first admin exists by then
  const [starter, approver, support] = await Promise.all(
    ['finance@example.com', 'finance2@example.com', 'support@example.com'].map((email) => api.login(email, DEMO_PASSWORD)),
  );
  if ((await api.list('payout-runs', {}, starter)).length) return;
  const periods = demoPeriods();
  await seedPayoutHistory(api, periods, { starter, approver });
  await seedSavedReplies(api, support);
  const rewritten = await rewriteEarningsTickets(api, {
    period: periods[periods.length - 2],
    previous: periods[periods.length - 3],
    intakeKey: config.intakeApiKey,
    finance: starter,
    support,
  });
  console.log(`demo help desk: ${rewritten} earnings tickets written from the runs' figures, a saved reply per category`);
}
