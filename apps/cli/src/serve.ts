import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve, dirname } from 'node:path';
import { type AppConfig, resolveDatabase, runMigrations } from '../../../libs/core/src/index.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';
import { DEMO_PASSWORD, DEMO_STAFF, loadDemo, seedDemoRuns } from './demo.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Runs the product: the database (embedded when none is configured), migrations,
 * optional demo data, then the api (which also serves the console) and the worker.
 */
export async function serve(config: AppConfig, opts: { demo: boolean }): Promise<void> {
  const db = await resolveDatabase(config);
  console.log(`database: ${db.embedded ? `embedded PostgreSQL (${config.embeddedDataDir})` : 'DATABASE_URL'}`);
  console.log(`queues: ${config.redisUrl ? 'Redis (REDIS_URL)' : 'BullMQ PostgreSQL backend'}`);
  const applied = await runMigrations(db.url, SCHEMA);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  if (opts.demo) await loadDemo(db.url);

  const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const children: ChildProcess[] = [
    fork(resolve(here, '../../api/src/main.js'), [], { env }),
    fork(resolve(here, '../../worker/src/main.js'), [], { env }),
  ];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await db.stop();
    process.exit(code);
  };
  for (const c of children) c.once('exit', (code) => void stop(code ?? 1));
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  if (opts.demo) await seedDemoRuns(config);
  console.log(`\nPartner Program console: http://localhost:${config.port}/   (API docs: http://localhost:${config.port}/api/docs)`);
  console.log(`sign in as ${config.adminEmail} / ${config.adminPassword}`);
  if (opts.demo) console.log(`demo staff (password ${DEMO_PASSWORD}): ${DEMO_STAFF.map((s) => s.email).join(', ')}`);
  console.log('');
}
