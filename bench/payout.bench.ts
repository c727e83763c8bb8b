import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApi } from '../apps/api/src/create-api.js';
import { loadConfig } from '../libs/core/src/config/config.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { PayoutRunsService } from '../libs/payouts/src/payout-runs.service.js';
import { benchDatabase, perSecond, seconds, startWorkers, stopWorkers } from './support.js';

/**
 * `npm run bench -- payout [--sizes medium,large] [--workers 1,2,4]`: on each demo bundle,
 * times one aggregate pass over the period's sessions, then a full payout run (enqueue to
 * computed) with 1, 2 and 4 worker processes; prints the ratio run/pass and sessions per second.
 */
export async function benchPayout(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const workerCounts = opt('workers', '1,2,4').split(',').map(Number);
  const period = opt('period', periodBefore());
  // --shape dense --sessions 10000000,50000000: the dense month (bench/dense-month.ts) at those sizes
  const sizes = opt('shape', 'demo') === 'dense'
    ? opt('sessions', '10000000').split(',').map((n) => `dense-${Number(n)}-${period}`)
    : opt('sizes', 'medium,large').split(',');
  const rows: string[][] = [];

  for (const size of sizes) {
    const url = await benchDatabase(size);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const start = `${period}-01T00:00:00Z`;
    const { rows: [{ n }] } = await db.query(
      `SELECT count(*)::int AS n FROM sessions WHERE started_at >= $1::timestamptz AND started_at < $1::timestamptz + interval '1 month'`,
      [start],
    );
    let pass = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await db.query(
        `SELECT story_key, count(*), sum(active_seconds) FROM sessions
         WHERE started_at >= $1::timestamptz AND started_at < $1::timestamptz + interval '1 month' GROUP BY story_key`,
        [start],
      );
      pass = Math.min(pass, performance.now() - t0);
    }
    console.log(`\n[${size}] ${n.toLocaleString('en-US')} sessions in ${period}; one aggregate pass: ${seconds(pass)} s`);

    const config = loadConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' });
    const api = await createApi(config, url);
    const runs = api.get(PayoutRunsService);
    try {
      for (const count of workerCounts) {
        const workers = await startWorkers(count, { DATABASE_URL: url, QUEUE_PREFIX: config.queuePrefix, REDIS_URL: config.redisUrl ?? '' });
        try {
          const t0 = performance.now();
          const run = await runs.start(null, period);
          let status = run.status as string;
          let error: string | null = null;
          while (status === 'queued' || status === 'running') {
            await new Promise((r) => setTimeout(r, 100));
            ({ status, error } = (await db.query(`SELECT status, error FROM payout_runs WHERE id = $1`, [run.id])).rows[0]);
          }
          const ms = performance.now() - t0;
          if (status !== 'computed') throw new Error(`run ${status}: ${error}`);
          console.log(`[${size}] ${count} worker(s): run ${seconds(ms)} s, ${perSecond(n, ms)} sessions/s, ${(ms / pass).toFixed(1)}× the pass`);
          rows.push([size, n.toLocaleString('en-US'), String(count), seconds(ms), seconds(pass), (ms / pass).toFixed(1), perSecond(n, ms)]);
        } finally {
          await stopWorkers(workers);
        }
      }
    } finally {
      await api.close();
      await db.end();
    }
  }
  console.log('\nsize    sessions     workers  run s   pass s  run/pass  sessions/s');
  for (const r of rows) console.log(`${r[0].padEnd(8)}${r[1].padStart(11)}  ${r[2].padStart(7)}  ${r[3].padStart(6)}  ${r[4].padStart(6)}  ${r[5].padStart(8)}  ${r[6].padStart(10)}`);
}
