// Runs outside jest's module system, so it uses the compiled code (`npm test` builds first).
import pg from 'pg';
import { createConnection } from 'node:net';

const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redisAnswers() {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379, timeout: 1000 });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => (socket.destroy(), resolve(d.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Databases of test runs that died more than a day ago (their names carry their creation time). */
async function dropStaleTemplates(client) {
  const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname ~ '^ppc_(tpl|t)_[0-9a-z]+_'`);
  const dayAgo = Date.now() - 86_400_000;
  for (const { datname } of rows) {
    const created = parseInt(datname.split('_')[2], 36);
    if (created < dayAgo) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Finds a real PostgreSQL (DATABASE_URL, else the local server, else the embedded one),
 * migrates a template database once, and picks the queue backend (Redis where it answers).
 * Test files then clone the template (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup() {
  let admin = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'postgres') : null;
  let source = 'DATABASE_URL';
  if (!admin && (await answers(LOCAL_PG))) [admin, source] = [LOCAL_PG, 'local PostgreSQL at 127.0.0.1:5432'];
  if (!admin) {
    const { loadConfig } = await dist('libs/core/src/config/config.js');
    const { startEmbeddedPostgres } = await dist('libs/core/src/database/embedded.js');
    const embedded = await startEmbeddedPostgres(loadConfig({ EMBEDDED_PG_DIR: '.data/pg-test', EMBEDDED_PG_PORT: '54330' }), 'postgres');
    globalThis.__embedded = embedded;
    [admin, source] = [embedded.url, 'embedded PostgreSQL (no server answered)'];
  }
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

  const redis = process.env.REDIS_URL ?? ((await redisAnswers()) ? LOCAL_REDIS : '');
  process.env.TEST_REDIS_URL = redis;
  console.log(`\n[tests] database: ${source}; queues: ${redis ? `Redis (${redis})` : 'BullMQ PostgreSQL backend (no Redis answered)'}`);
}
