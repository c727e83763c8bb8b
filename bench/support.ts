import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { loadDenseMonth, writeDenseBundle } from './dense-month.js';

/** The PostgreSQL server benchmarks use: DATABASE_URL's, else the local one. */
export function serverUrl(database: string): string {
  const u = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${database}`;
  return u.toString();
}

export const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${r.status})`);
};

/** The demo bundle of a size (generated once, reused). */
export function bundle(size: string): string {
  const dir = `demo-data/${size}`;
  if (!existsSync(`${dir}/sessions.ndjson`)) cli(['demo-data', '--size', size, '--out', dir]);
  return dir;
}

/** Progress of a long generation on stderr, one line per kind (and per million sessions). */
const progress = (what: string) => (kind: string, rows: number) => console.error(`${what}: ${kind} ${rows.toLocaleString('en-US')}`);

/** The dense month's import bundle of `sessions` sessions for `period` (generated once, reused). */
export async function denseBundle(sessions: number, period: string): Promise<string> {
  const dir = `demo-data/dense-${sessions}-${period}`;
  const complete = `${dir}.complete`; // beside the folder: the import would list a stray file in it
  if (existsSync(complete)) return dir;
  await rm(dir, { recursive: true, force: true });
  await writeDenseBundle(dir, { sessions, period, onProgress: progress(dir) });
  await writeFile(complete, '');
  return dir;
}

/**
 * A bench database: `size` is a demo bundle size (imported), or `dense-<sessions>-<period>`
 * for the dense month, loaded straight into the tables (the same rows the dense bundle
 * imports, much faster). Created once, reused; the newest migrations are applied either way.
 */
export async function benchDatabase(size: string): Promise<string> {
  const name = `ppc_bench_${size.replace(/-/g, '_')}`;
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  let ready = false;
  if (exists) {
    const c = new pg.Client({ connectionString: serverUrl(name) });
    await c.connect();
    ready = await c.query(`SELECT count(*) > 0 AS ok FROM bench_ready`).then(
      (r) => r.rows[0].ok,
      () => false,
    );
    await c.end();
  }
  if (!ready) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = serverUrl(name);
  cli(['migrate'], { DATABASE_URL: url }); // a reused database gets the newest schema too
  if (!ready) {
    const dense = /^dense-(\d+)-(\d{4}-\d{2})$/.exec(size);
    if (dense) await loadDenseMonth(url, { sessions: Number(dense[1]), period: dense[2], onProgress: progress(name) });
    else cli(['import', bundle(size)], { DATABASE_URL: url });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`VACUUM ANALYZE`);
    await c.query(`CREATE TABLE bench_ready AS SELECT now() AS at`);
    await c.end();
  }
  return url;
}

/** Worker processes of the product, each its own node process, on a queue namespace. */
export async function startWorkers(n: number, env: NodeJS.ProcessEnv): Promise<ChildProcess[]> {
  const workers: ChildProcess[] = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ready, fail) => {
      child.once('exit', (code) => fail(new Error(`worker exited with ${code}`)));
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker started') && ready());
    });
    workers.push(child);
  }
  return workers;
}

export async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((w) => new Promise((r) => (w.once('exit', r), w.kill('SIGTERM')))));
}

export const seconds = (ms: number) => (ms / 1000).toFixed(2);
export const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString('en-US');
