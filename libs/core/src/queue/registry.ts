import type { JobsOptions } from 'bullmq';

/**
 * Every queue and job of the product, in one place. The worker refuses to start unless
 * each job here has exactly one handler (see JobHandlerRegistry).
 */
export const QUEUES = ['payouts', 'simulations', 'referrals', 'intake', 'ledger', 'integrity', 'estimates'] as const;
export type QueueName = (typeof QUEUES)[number];

/**
 * Jobs one worker process runs at once, per queue. A payout run's shard jobs are each one
 * SQL statement that PostgreSQL runs in its own backend: two at a time keep two cores busy
 * even with one worker process (each shard replaces only its own rows, so overlapping
 * shards give the same results). WORKER_CONCURRENCY overrides the payouts queue's.
 * What-if simulations have their own queue, one at a time, so that they never delay a real run.
 */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  payouts: 2,
  simulations: 1,
  referrals: 1,
  intake: 1,
  ledger: 1,
  integrity: 1,
  estimates: 1,
};

export const JOBS = {
  /** Prepares a payout run and fans out its shards as a flow. */
  payoutRun: { queue: 'payouts', name: 'payout-run' },
  /** Allocates the contributions of one shard of members. */
  payoutShard: { queue: 'payouts', name: 'payout-shard' },
  /** Sums stories, statements and totals once every shard is done. */
  payoutFinalize: { queue: 'payouts', name: 'payout-finalize' },
  /** Scheduled on the 2nd of each month at 02:00 UTC: starts the previous month's run. */
  payoutMonthly: { queue: 'payouts', name: 'payout-monthly' },
  /** Runs the earnings engine for a what-if simulation into its own tables. */
  simulation: { queue: 'simulations', name: 'simulation' },
  /** Credits legacy referrers for a period (spec step 8); idempotent per referral, charge and period. */
  honorLegacyReferrals: { queue: 'referrals', name: 'honor-legacy-referrals' },
  /** Scheduled monthly: honors the previous month's referrals. */
  referralsMonthly: { queue: 'referrals', name: 'referrals-monthly' },
  /** Scheduled daily: runs the ledger's integrity checks and stores the outcome (once per day, or per key given). */
  ledgerIntegrity: { queue: 'ledger', name: 'ledger-integrity' },
  /**
   * Computes a period's integrity signals and stores them as cases (libs/integrity): on demand
   * one job id per period; after intake one per period and reading version (repeats collapse).
   */
  integritySignals: {
    queue: 'integrity',
    name: 'integrity-signals',
    options: { attempts: 2, removeOnFail: 100, removeOnComplete: { age: 7 * 86400 } },
  },
  /** Scheduled daily at 01:00 UTC: queues the aggregation of the previous day and of every day whose data changed. */
  estimatesDaily: { queue: 'estimates', name: 'estimates-daily' },
  /** Replaces one UTC day's month-to-date aggregates (libs/payouts/src/estimates); one job id per day. */
  estimateDay: { queue: 'estimates', name: 'estimate-day' },
  /** Computes the money at stake of a period's cases with the earnings engine (after detection and decisions); one job id per period. */
  integrityStakes: { queue: 'integrity', name: 'integrity-stakes' },
} as const satisfies Record<string, { queue: QueueName; name: string; options?: JobsOptions }>;

/** integritySignals' payload: the period; after intake, also the reading version that queued it (reading_versions). */
export interface IntegritySignalsPayload {
  period: string;
  readingVersion?: number;
}

export type JobKey = keyof typeof JOBS;
export type JobDef = (typeof JOBS)[JobKey];

/** BullMQ job ids: deterministic, no ':' and never all digits. */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.join('_').replace(/:/g, '-');
  if (/^\d+$/.test(id)) throw new Error(`job id "${id}" would be all digits`);
  return id;
}
