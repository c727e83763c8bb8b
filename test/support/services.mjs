// Where the tests find PostgreSQL and Redis: shared by the jest global setup and the
// browser harness (plain JavaScript: both run outside jest's module system).
import pg from 'pg';
import { createConnection } from 'node:net';

const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

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

/**
 * A real PostgreSQL: DATABASE_URL's server, else the local one if it answers, else the
 * embedded one started here (in `embeddedDir` on `embeddedPort`). Returns the url of its
 * `postgres` database, what it is, and how to stop what was started.
 */
export async function findPostgres({ embeddedDir, embeddedPort }) {
  if (process.env.DATABASE_URL)
    return { admin: withDatabase(process.env.DATABASE_URL, 'postgres'), source: 'DATABASE_URL', stop: async () => undefined };
  if (await answers(LOCAL_PG)) return { admin: LOCAL_PG, source: 'local PostgreSQL at 127.0.0.1:5432', stop: async () => undefined };
  const { loadConfig } = await dist('libs/core/src/config/config.js');
  const { startEmbeddedPostgres } = await dist('libs/core/src/database/embedded.js');
  const embedded = await startEmbeddedPostgres(
    loadConfig({ EMBEDDED_PG_DIR: embeddedDir, EMBEDDED_PG_PORT: String(embeddedPort) }),
    'postgres',
  );
  return { admin: embedded.url, source: 'embedded PostgreSQL (no server answered)', stop: () => embedded.stop() };
}

/** REDIS_URL, else the local Redis if it answers, else '' (queues on BullMQ's PostgreSQL backend). */
export async function findRedis() {
  return process.env.REDIS_URL ?? ((await redisAnswers()) ? LOCAL_REDIS : '');
}
