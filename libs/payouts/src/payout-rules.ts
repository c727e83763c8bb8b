/*
 * The payout rules (domain.md "Payouts", spec/earnings.md step 9): the run's and the
 * payouts' states and transitions, four eyes, the threshold. No imports, so the console
 * reads the same values (see apps/admin/vite.config.ts).
 */

export const RUN_STATUSES = ['queued', 'running', 'computed', 'approved', 'paid', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** An approved or paid run is final: read-only, the basis of later openings, its period closed to adjustments. */
export const FINAL_RUN_STATUSES = ['approved', 'paid'] as const satisfies readonly RunStatus[];
export const isFinalRun = (status: string): boolean => (FINAL_RUN_STATUSES as readonly string[]).includes(status);

/** A run of these states has a job working on it (or due to). */
export const IN_PROGRESS_RUN_STATUSES = ['queued', 'running'] as const satisfies readonly RunStatus[];
export const isInProgressRun = (status: string): boolean => (IN_PROGRESS_RUN_STATUSES as readonly string[]).includes(status);

/** `('approved', 'paid')` for SQL: `status IN ${FINAL_RUN_STATUSES_SQL}`. */
export const FINAL_RUN_STATUSES_SQL = `(${FINAL_RUN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export const STATEMENT_STATUSES = ['payable', 'below_threshold', 'payout_account_not_ready', 'forfeited'] as const;

/** `released`: an integrity hold ended by release; the amount is back in the author's balance and the next approved run pays it. */
export const PAYOUT_STATES = ['pending', 'transferred', 'failed', 'on_hold', 'forfeited', 'reversed', 'released'] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

/**
 * Which payout states may follow which, by mark-paid and settlement files (a payout a later
 * run took back changes no more). Only an integrity release enters `released` (from
 * `on_hold`), and nothing leaves it: its money is the author's balance again.
 */
export const PAYOUT_TRANSITIONS: Record<PayoutState, readonly PayoutState[]> = {
  pending: ['transferred', 'failed', 'on_hold', 'forfeited'],
  on_hold: ['pending', 'transferred', 'failed', 'forfeited'],
  transferred: ['failed', 'reversed'], // a bounce after the transfer was reported
  failed: ['transferred'],
  reversed: [],
  forfeited: [],
  released: [],
};

/** Payout states of a transfer that came back (a failure code applies); their amount returns to the author's balance in the next approved run. */
export const RETURNED_PAYOUT_STATES = ['failed', 'reversed'] as const satisfies readonly PayoutState[];

/** What `mark-paid` does to a payout not listed in the call. */
export const defaultPayoutOutcome = (state: PayoutState): PayoutState => (state === 'pending' ? 'transferred' : state);

/**
 * Whether a payout may move from `from` to `to`; `returned`: a later approved run took it
 * back into a balance (it is final then). Staying in the same state is always allowed.
 */
export function mayChangePayout(from: PayoutState, to: PayoutState, returned: boolean): boolean {
  return from === to || (!returned && PAYOUT_TRANSITIONS[from].includes(to));
}

/**
 * Four eyes: a run is approved by someone other than the person who started it; a run the
 * scheduler started (no starter) may be approved by any finance person.
 */
export const fourEyesAllow = (startedBy: string | null, approverId: string): boolean => startedBy !== approverId;

/** The minimum payout threshold in micro-dollars (a balance below it is carried: `below_threshold`). */
export const thresholdMicros = (minPayoutCents: number): bigint => BigInt(minPayoutCents) * 10_000n;

/** A payout account can be paid when both the account and the tax details are verified (spec/earnings.md step 9). */
export const payoutAccountReady = (account: { status: string; taxStatus: string } | null | undefined): boolean =>
  account?.status === 'verified' && account.taxStatus === 'verified';
