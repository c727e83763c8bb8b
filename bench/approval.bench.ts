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
import { benchDatabase, seconds, startWorkers, stopWorkers } from './support.js';

/** Rolled back at the end: the run stays computed, so every round approves the same run. */
class Rollback extends Error {}

/**
 * `npm run bench -- approval [--size large] [--rounds 5]`: what the ledger adds to approving a
 * run (issue 17: at most 10 %). Computes the period's run of the demo bundle, then approves it
 * `rounds` times each way, alternating, in a transaction that is rolled back: the approval's
 * statements (lock, staleness check, run and payout states) with and without the ledger's
 * journal lines, deferred checks forced before the rollback (the balance trigger runs at
 * commit). Prints the medians and the ledger's share.
 */
export async function benchApproval(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const size = opt('size', 'large');
  const rounds = Number(opt('rounds', '5'));
  const period = opt('period', periodBefore());
  const url = await benchDatabase(size);
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
    const run = (await api.get(PayoutRunsService).start(null, period)) as { id: string };
    let status = 'queued';
    while (status === 'queued' || status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      [{ status }] = await db.query(`SELECT status FROM payout_runs WHERE id = $1`, [run.id]);
    }
    if (status !== 'computed') throw new Error(`run ${status}`);
    const [{ statements }] = await db.query(`SELECT count(*)::int AS statements FROM statements WHERE run_id = $1`, [run.id]);
    const runs = api.get(PayoutRunsRepository);
    const computation = api.get(PayoutRunRepository);
    const ledger = api.get(LedgerService);
    const approver = randomUUID();

    const approve = async (withLedger: boolean) => {
      let ms = 0;
      let lines = 0;
      await db
        .transaction(async (m: EntityManager) => {
          const t0 = performance.now();
          await runs.findForUpdate(m, run.id);
          await computation.staleness(m, run.id, period);
          await runs.approve(m, run.id, approver);
          if (withLedger) lines = await ledger.postApproval(m, run.id);
          await m.query(`SET CONSTRAINTS ALL IMMEDIATE`);
          ms = performance.now() - t0;
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      return { ms, lines };
    };

    const without: number[] = [];
    const withL: number[] = [];
    let lines = 0;
    await approve(true); // warm the caches both ways read
    for (let i = 0; i < rounds; i++) {
      without.push((await approve(false)).ms);
      const w = await approve(true);
      withL.push(w.ms);
      lines = w.lines;
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const a = median(without);
    const b = median(withL);
    console.log(
      `[${size}] approving run ${period} (${statements.toLocaleString('en-US')} statements, ${lines.toLocaleString('en-US')} journal lines), ` +
        `median of ${rounds}: without the ledger ${seconds(a)} s, with it ${seconds(b)} s: the ledger adds ${(((b - a) / a) * 100).toFixed(1)} % ` +
        `(load ${loadavg()[0].toFixed(2)})`,
    );
  } finally {
    await stopWorkers(workers);
    await api.close();
  }
}
