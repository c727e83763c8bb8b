// Runs outside jest's module system, so it uses the compiled code (`npm test` builds first).
import pg from 'pg';
import { findPostgres, findRedis, withDatabase } from './services.mjs';

const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);

/** Databases of test runs that died more than a day ago (their names carry their creation time). */
async function dropStaleTemplates(client) {
  const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname ~ '^ppc_(tpl|t)_[0-9a-z]+_'`);
  const dayAgo = Date.now() - 86_400_000;
  for (const { datname } of rows) {
    const created = parseInt(datname.split('_')[2], 36);
    if (created < dayAgo) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
}

/**
 * Finds a real PostgreSQL (DATABASE_URL, else the local server, else the embedded one),
 * migrates a template database once, and picks the queue backend (Redis where it answers).
 * Test files then clone the template (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup() {
  const { admin, source, stop } = await findPostgres({ embeddedDir: '.data/pg-test', embeddedPort: 54330 });
  globalThis.__stopPostgres = stop;
  process.env.TEST_PG_ADMIN_URL = admin;
  // One template per run, so that runs in parallel (several developers, CI) never meet.
  const TEMPLATE_DB = `ppc_tpl_${Date.now().toString(36)}_${process.pid}`;
  process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;

  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await dropStaleTemplates(client);
  await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await client.end();
  const { runMigrations } = await dist('libs/core/src/database/data-source.js');
  const { SCHEMA } = await dist('libs/schema/src/schema.js');
  await runMigrations(withDatabase(admin, TEMPLATE_DB), SCHEMA);

  const redis = await findRedis();
  process.env.TEST_REDIS_URL = redis;
  console.log(`\n[tests] database: ${source}; queues: ${redis ? `Redis (${redis})` : 'BullMQ PostgreSQL backend (no Redis answered)'}`);
}
