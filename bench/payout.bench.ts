import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createApi } from '../apps/api/src/create-api.js';
import { loadConfig } from '../libs/core/src/config/config.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { PayoutRunsService } from '../libs/payouts/src/payout-runs.service.js';
import { plainDifferences, plainFormula } from './plain-formula.js';
import { rawCopyOfSessions } from './raw-copy.js';
import { checkResults, describeCheck, identical } from './run-results.js';
import { benchDatabase, perSecond, seconds, startWorkers, stopWorkers } from './support.js';

/**
 * `npm run bench -- payout [--shape dense --sessions 10000000] [--sizes medium,large] [--workers 1,2,4]
 *  [--no-plain] [--save-expected]`: per month, in one run on one database, times
 * - one aggregate pass over the period's sessions (the least a run must read);
 * - raw COPY of those sessions (CSV into a bare table);
 * - a plain SQL implementation of the formula (bench/plain-formula.ts), whose story
 *   earnings are also compared with the product's;
 * - the product's payout run (enqueue to computed) with 1, 2 and 4 worker processes, each
 *   run's stories and statements compared with the expected results (bench/run-results.ts);
 * and prints them as ratios, with the machine's load average.
 */
export async function benchPayout(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const workerCounts = opt('workers', '1,2,4').split(',').map(Number);
  const period = opt('period', periodBefore());
  const plain = !args.includes('--no-plain');
  const saveExpected = args.includes('--save-expected');
  // --shape dense --sessions 10000000,50000000: the dense month (bench/dense-month.ts) at those sizes
  const sizes =
    opt('shape', 'demo') === 'dense'
      ? opt('sessions', '10000000')
          .split(',')
          .map((n) => `dense-${Number(n)}-${period}`)
      : opt('sizes', 'medium,large').split(',');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const rows: string[][] = [];
  let allIdentical = true;

  for (const size of sizes) {
    const url = await benchDatabase(size);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const start = `${period}-01T00:00:00Z`;
    const {
      rows: [{ n }],
    } = await db.query(
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
    console.log(`\n[${size}] ${n.toLocaleString('en-US')} sessions in ${period}; one aggregate pass: ${seconds(pass)} s (load ${load()})`);
    const copy = await rawCopyOfSessions(db, period);
    console.log(`[${size}] raw COPY of the sessions (${Math.round(copy.bytes / 2 ** 20)} MB CSV): ${seconds(copy.ms)} s (load ${load()})`);
    let plainMs = NaN;
    if (plain) {
      const p = await plainFormula(db, period);
      plainMs = p.ms;
      console.log(
        `[${size}] plain SQL formula: ${seconds(p.ms)} s (${p.steps.map(([s, ms]) => `${s} ${seconds(ms)}`).join(', ')}) (load ${load()})`,
      );
    }

    const config = loadConfig({
      ...process.env,
      DATABASE_URL: url,
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      LOG_LEVEL: 'warn',
    });
    const api = await createApi(config, url);
    const runs = api.get(PayoutRunsService);
    try {
      for (const [i, count] of workerCounts.entries()) {
        const workers = await startWorkers(count, {
          DATABASE_URL: url,
          QUEUE_PREFIX: config.queuePrefix,
          REDIS_URL: config.redisUrl ?? '',
        });
        try {
          const t0 = performance.now();
          const run = (await runs.start(null, period)) as { id: string; status: string };
          let status = run.status as string;
          let error: string | null = null;
          while (status === 'queued' || status === 'running') {
            await new Promise((r) => setTimeout(r, 100));
            ({ status, error } = (await db.query(`SELECT status, error FROM payout_runs WHERE id = $1`, [run.id])).rows[0]);
          }
          const ms = performance.now() - t0;
          const runLoad = load();
          if (status !== 'computed') throw new Error(`run ${status}: ${error}`);
          const check = await checkResults(db, run.id, saveExpected && i === 0);
          if (!check.saved && !identical(check)) allIdentical = false;
          const vsPlain = plain
            ? `, ${(plainMs / ms).toFixed(1)}× faster than plain SQL (${await plainDifferences(db, run.id)} stories differ from it)`
            : '';
          console.log(
            `[${size}] ${count} worker(s): run ${seconds(ms)} s, ${perSecond(n, ms)} sessions/s, ${(ms / pass).toFixed(1)}× the pass, ` +
              `${(ms / copy.ms).toFixed(2)}× raw COPY${vsPlain} (load ${runLoad})\n[${size}] ${describeCheck(check)}`,
          );
          rows.push([
            size,
            n.toLocaleString('en-US'),
            String(count),
            seconds(ms),
            seconds(pass),
            seconds(copy.ms),
            plain ? seconds(plainMs) : '-',
            (ms / pass).toFixed(1),
            (ms / copy.ms).toFixed(2),
            plain ? (plainMs / ms).toFixed(1) : '-',
            perSecond(n, ms),
            runLoad.split(' ')[0],
          ]);
        } finally {
          await stopWorkers(workers);
        }
      }
    } finally {
      await api.close();
      await db.end();
    }
  }
  const head = [
    'size',
    'sessions',
    'workers',
    'run s',
    'pass s',
    'COPY s',
    'plain s',
    'run/pass',
    'run/COPY',
    'plain/run',
    'sessions/s',
    'load',
  ];
  console.log(`\n${head.join(' | ')}`);
  for (const r of rows) console.log(r.join(' | '));
  if (!allIdentical) throw new Error('a run gave results different from the expected ones (see above)');
}
