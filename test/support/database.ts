import pg from 'pg';
import { randomBytes } from 'node:crypto';

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is unset: run the tests through jest (its global setup finds the database)');
  return url;
}

export interface TestDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database cloned from the template: one per test file. `timezone`
 * (default: TEST_DB_TIMEZONE, else the server's) becomes the database's default session
 * time zone, so that suites can be run as under a server set to another zone.
 */
export async function freshDatabase({ timezone = process.env.TEST_DB_TIMEZONE }: { timezone?: string } = {}): Promise<TestDatabase> {
  const name = `ppc_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_TEMPLATE_DB}`);
  if (timezone) await admin.query(`ALTER DATABASE ${name} SET timezone = ${pg.escapeLiteral(timezone)}`);
  await admin.end();
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection ended by the database going away at the end is not a test failure.
  pool.on('error', () => undefined);
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
