import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve, dirname } from 'node:path';
import { type AppConfig, DEVELOPMENT_ADMIN_PASSWORD, resolveDatabase, runMigrations } from '../../../libs/core/src/index.js';
import { safeError } from '../../../libs/core/src/logging.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';
import { DEMO_PASSWORD, DEMO_STAFF, loadDemo, seedDemoRuns } from './demo.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Runs the product: the database (embedded when none is configured), migrations,
 * optional demo data, then the api (which also serves the console) and the worker.
 */
export async function serve(config: AppConfig, opts: { demo: boolean }): Promise<void> {
  const db = await resolveDatabase(config);
  await supervise(db, async (start) => {
    console.log(`database: ${db.embedded ? `embedded PostgreSQL (${config.embeddedDataDir})` : 'DATABASE_URL'}`);
    console.log(`queues: ${config.redisUrl ? 'Redis (REDIS_URL)' : 'BullMQ PostgreSQL backend'}`);
    const applied = await runMigrations(db.url, SCHEMA);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
    if (opts.demo) await loadDemo(db.url);

    const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
    start(resolve(here, '../../api/src/main.js'), env);
    start(resolve(here, '../../worker/src/main.js'), env);
    if (opts.demo) await seedDemoRuns(config, db.url);
    console.log(`\nPartner Program console: http://localhost:${config.port}/   (API docs: http://localhost:${config.port}/api/docs)`);
    console.log(`sign in as ${adminSignIn(config)}`);
    if (opts.demo) console.log(`demo staff (password ${DEMO_PASSWORD}): ${DEMO_STAFF.map((s) => s.email).join(', ')}`);
    if (opts.demo)
      console.log(
        'finance and admin sign in with a code too: npm run demo:totp -- finance@example.com (development secrets in the README)',
      );
    console.log('');
  });
}

/** Who signs in first: the configured password is never printed, only the public development default. */
export function adminSignIn(config: AppConfig): string {
  return config.adminPassword === DEVELOPMENT_ADMIN_PASSWORD
    ? `${config.adminEmail} / ${DEVELOPMENT_ADMIN_PASSWORD} (the development default: set ADMIN_PASSWORD)`
    : `${config.adminEmail} with the password in ADMIN_PASSWORD`;
}

/**
 * Runs `startUp`, which forks the product's processes with `start`. Everything stops (the
 * children, then the database) and the process exits when a child exits (with its code),
 * on SIGINT/SIGTERM (0), or when start-up throws (1): nothing is left running.
 */
export async function supervise(
  db: { stop(): Promise<void> },
  startUp: (start: (modulePath: string, env: NodeJS.ProcessEnv) => ChildProcess) => Promise<void>,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<void> {
  const children: ChildProcess[] = [];
  let stopping = false;
  const onSignal = () => void stop(0);
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await db.stop().catch((e: unknown) => console.error('could not stop the database:', e));
    exit(code);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const start = (modulePath: string, env: NodeJS.ProcessEnv) => {
    const child = fork(modulePath, [], { env });
    children.push(child);
    child.once('exit', (code) => void stop(code ?? 1));
    return child;
  };
  try {
    await startUp(start);
  } catch (e) {
    console.error('start-up failed; stopping:', JSON.stringify(safeError(e)));
    await stop(1);
  }
}
