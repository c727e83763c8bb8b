import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { DataSource, type EntityManager } from 'typeorm';
import { createApi } from '../apps/api/src/create-api.js';
import { loadConfig } from '../libs/core/src/config/config.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { LedgerService } from '../libs/ledger/src/index.js';
import { PayoutRunsRepository } from '../libs/payouts/src/payout-runs.repository.js';
import { PayoutRunsService } from '../libs/payouts/src/payout-runs.service.js';
import { PayoutRunRepository } from '../libs/payouts/src/run/payout-run.repository.js';
import { benchDatabase, cli, seconds, serverUrl, startWorkers, stopWorkers } from './support.js';

/** Rolled back at the end: the run stays computed, so every round approves the same run. */
class Rollback extends Error {}

/**
 * `npm run bench -- approval [--size large] [--rounds 7] [--database NAME]`: what the ledger
 * adds to approving a run (issue 17: at most 10 %). Computes the period's run of the demo
 * bundle (which writes the approval's journal lines into the run's own table), then approves
 * it `rounds` times each way in a transaction that is rolled back: the approval's statements
 * (lock, staleness check, run and payout states) with and without the ledger's posting
 * (attaching those lines as the run's partition of the journal, or writing and attaching them
 * when the computation did not), deferred checks forced before the rollback. The two ways
 * take turns, and which goes first alternates. Prints the medians, the median of the paired
 * differences, the load average, and what writing the lines costs the computation (measured
 * the same way). `--database`: an imported database of one's own (migrated to this checkout)
 * instead of the shared `ppc_bench_<size>`.
 */
export async function benchApproval(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const size = opt('size', 'large');
  const rounds = Number(opt('rounds', '7'));
  const period = opt('period', periodBefore());
  const database = opt('database', '');
  const url = database ? serverUrl(database) : await benchDatabase(size);
  if (database) cli(['migrate'], { DATABASE_URL: url });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'warn',
  });
  const api = await createApi(config, url);
  const workers = await startWorkers(2, { DATABASE_URL: url, QUEUE_PREFIX: config.queuePrefix, REDIS_URL: config.redisUrl ?? '' });
  try {
    const db = api.get(DataSource);
    const started = performance.now();
    const run = (await api.get(PayoutRunsService).start(null, period)) as { id: string };
    let status = 'queued';
    while (status === 'queued' || status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      [{ status }] = await db.query(`SELECT status FROM payout_runs WHERE id = $1`, [run.id]);
    }
    const computeMs = performance.now() - started;
    if (status !== 'computed') throw new Error(`run ${status}`);
    const [{ statements, attempt }] = await db.query(
      `SELECT count(*)::int AS statements, max(r.attempt) AS attempt FROM statements s JOIN payout_runs r ON r.id = s.run_id WHERE r.id = $1`,
      [run.id],
    );
    const runs = api.get(PayoutRunsRepository);
    const computation = api.get(PayoutRunRepository);
    const ledger = api.get(LedgerService);
    const approver = randomUUID();

    /** Runs `work` in a transaction that is rolled back; its time (ms) and what `after` reads before the rollback. */
    const timed = async (work: (m: EntityManager) => Promise<unknown>, after: (m: EntityManager) => Promise<number>) => {
      let ms = 0;
      let n = 0;
      await db
        .transaction(async (m: EntityManager) => {
          const t0 = performance.now();
          await work(m);
          await m.query(`SET CONSTRAINTS ALL IMMEDIATE`);
          ms = performance.now() - t0;
          n = await after(m);
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      return { ms, n };
    };
    const journalLines = async (m: EntityManager) =>
      (await m.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE run_id = $1`, [run.id]))[0].n as number;
    const approve = (withLedger: boolean) =>
      timed(async (m) => {
        await runs.findForUpdate(m, run.id);
        await computation.staleness(m, run.id, period);
        await runs.approve(m, run.id, approver);
        if (withLedger) await ledger.postApproval(m, run.id);
      }, journalLines);

    const without: number[] = [];
    const withL: number[] = [];
    const staging: number[] = [];
    let lines = 0;
    await approve(true); // warm the caches both ways read
    for (let i = 0; i < rounds; i++) {
      // which goes first alternates, so that neither side always follows the other's rollback
      for (const withLedger of i % 2 ? [true, false] : [false, true]) {
        const r = await approve(withLedger);
        (withLedger ? withL : without).push(r.ms);
        if (withLedger) lines = r.n;
      }
      staging.push((await timed((m) => ledger.stageApproval(m, run.id, attempt), journalLines)).ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const a = median(without);
    const b = median(withL);
    const paired = median(withL.map((x, i) => x - without[i]!));
    console.log(
      `[${database || size}] approving run ${period} (${statements.toLocaleString('en-US')} statements, ${lines.toLocaleString('en-US')} journal lines), ` +
        `median of ${rounds}: without the ledger ${ms(a)}, with it ${ms(b)}: the ledger adds ${(((b - a) / a) * 100).toFixed(1)} % ` +
        `(paired: ${ms(paired)}, ${((paired / a) * 100).toFixed(1)} %); writing the lines when computing: ${ms(median(staging))} ` +
        `(the run took ${seconds(computeMs)} s) (load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')})`,
    );
  } finally {
    await stopWorkers(workers);
    await api.close();
  }
}
