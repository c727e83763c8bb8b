import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createApi } from '../apps/api/src/create-api.js';
import { loadConfig } from '../libs/core/src/config/config.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { SignalsService, StakesService } from '../libs/integrity/src/index.js';
import { PayoutRunsService } from '../libs/payouts/src/payout-runs.service.js';
import { benchDatabase, perSecond, seconds, startWorkers, stopWorkers } from './support.js';

/**
 * `npm run bench -- integrity [--shape dense --sessions 10000000] [--sizes medium,large] [--workers 2]`:
 * per month, on one database, times the integrity detection (all three signals, the flags,
 * their evidence and the cases, in one transaction), the cases' money at stake (the engine over
 * each case's part of the month, twice) and the product's payout run on the same data, and
 * prints their ratio (issue 18's goal: detection within 2× the run).
 */
export async function benchIntegrity(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const period = opt('period', periodBefore());
  const workers = Number(opt('workers', '2'));
  const sizes =
    opt('shape', 'demo') === 'dense'
      ? opt('sessions', '10000000')
          .split(',')
          .map((n) => `dense-${Number(n)}-${period}`)
      : opt('sizes', 'medium,large').split(',');
  const load = () => loadavg()[0].toFixed(2);
  const rows: string[][] = [];
  for (const size of sizes) {
    const url = await benchDatabase(size);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const start = `${period}-01T00:00:00Z`;
    const { rows: counted } = await db.query(
      `SELECT count(*)::int AS n FROM sessions WHERE started_at >= $1::timestamptz AND started_at < $1::timestamptz + interval '1 month'`,
      [start],
    );
    const n = counted[0].n as number;
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: url,
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      LOG_LEVEL: 'warn',
    });
    const api = await createApi(config, url);
    try {
      const t0 = performance.now();
      const detection = await api.get(SignalsService).detect(period);
      const detectMs = performance.now() - t0;
      console.log(
        `[${size}] detection: ${seconds(detectMs)} s, ${perSecond(n, detectMs)} sessions/s, ${JSON.stringify(detection)} (load ${load()})`,
      );
      const t2 = performance.now();
      const stakes = await api.get(StakesService).compute(period);
      const stakesMs = performance.now() - t2;
      console.log(`[${size}] money at stake: ${seconds(stakesMs)} s, ${JSON.stringify(stakes)} (load ${load()})`);
      const procs = await startWorkers(workers, { DATABASE_URL: url, QUEUE_PREFIX: config.queuePrefix, REDIS_URL: config.redisUrl ?? '' });
      try {
        const t1 = performance.now();
        const run = (await api.get(PayoutRunsService).start(null, period)) as { id: string; status: string };
        let status = run.status;
        while (status === 'queued' || status === 'running') {
          await new Promise((r) => setTimeout(r, 100));
          status = (await db.query(`SELECT status FROM payout_runs WHERE id = $1`, [run.id])).rows[0].status;
        }
        const runMs = performance.now() - t1;
        if (status !== 'computed') throw new Error(`payout run ${status}`);
        console.log(
          `[${size}] payout run (${workers} workers): ${seconds(runMs)} s; detection / run = ${(detectMs / runMs).toFixed(2)} (load ${load()})`,
        );
        rows.push([
          size,
          n.toLocaleString('en-US'),
          seconds(detectMs),
          seconds(stakesMs),
          seconds(runMs),
          (detectMs / runMs).toFixed(2),
          String(detection.flags),
          load(),
        ]);
      } finally {
        await stopWorkers(procs);
      }
    } finally {
      await api.close();
      await db.end();
    }
  }
  const head = ['month', 'sessions', 'detection s', 'money at stake s', 'payout run s', 'detection / run (goal ≤ 2)', 'flags', 'load'];
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
}
