/** The ledger's integrity checks run daily at 03:00 UTC (after the payout jobs of the 2nd at 02:00). */
export const INTEGRITY_SCHEDULER_ID = 'ledger-integrity-daily';
export const INTEGRITY_SCHEDULE = { pattern: '0 3 * * *', tz: 'UTC' } as const;

/** The run key of the scheduled run due at `due`: one stored result per UTC day. */
export const scheduledRunKey = (due: Date) => `daily:${due.toISOString().slice(0, 10)}`;

/** What a run key may look like (job data, manual keys). */
export const RUN_KEY = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,199}$/;

/** The instant a scheduled job was due (BullMQ's `prevMillis`), else when it was added (as referral-legacy reads it; libs do not import each other's internals). */
export const dueAt = (job: { opts?: { prevMillis?: number }; timestamp: number; delay?: number }) =>
  new Date(job.opts?.prevMillis ?? job.timestamp + (job.delay ?? 0));
