import { MICROS_PER_CENT, type Micros } from '../../../core/src/money/money.js';
import { nextPeriod, periodOf } from '../../../core/src/period/period.js';
import { payoutAccountReady, RETURNED_PAYOUT_STATES, thresholdMicros, type PayoutState } from '../payout-rules.js';
import { payoutDeadline } from './payout-calendar.js';

/*
 * "When will I be paid?": the author's next payout, projected from what is known for sure
 * (the statement of the latest final run, the holds, the payout account, the threshold the
 * next run uses, the payout calendar) and, when there is one, the month-to-date estimate of
 * the open month. Without an estimate nothing is guessed: the projection says so.
 */

/** The author's statement in the latest final (approved or paid) run that has one. */
export interface BasisStatement {
  period: string;
  status: string;
  balanceMicros: Micros;
  payoutCents: bigint;
  carriedMicros: Micros;
  forfeitedMicros: Micros;
  payoutState: PayoutState | null;
}

/** A month-to-date estimate of the author's earnings in the open month. */
export interface MonthEstimate {
  period: string;
  amountMicros: Micros;
  asOf: Date;
}

export interface HeldPayout {
  statementId: string;
  period: string;
  payoutCents: bigint;
}

export interface ProjectionInput {
  asOf: Date;
  /** The threshold of the next run (the current parameter set's `minPayoutCents`). */
  minPayoutCents: number;
  /** The latest period with a final run (any author's), null before the first. */
  latestFinalPeriod: string | null;
  statement: BasisStatement | null;
  estimate: MonthEstimate | null;
  holds: HeldPayout[];
  /** Payouts released from an integrity review hold, back in the balance: no later final run took them back yet. */
  released: HeldPayout[];
  account: { status: string; taxStatus: string } | null;
}

export const PROJECTION_OUTCOMES = [
  /** The latest final run pays the author: the amount, by the 10th of the month after it. */
  'payout_pending',
  /** The balance carried reaches the threshold: the next run pays it. */
  'next_run',
  /** The balance carried and the open month's estimate together reach the threshold. */
  'estimated',
  /** Not enough yet to be paid (with or without an estimate). */
  'below_threshold',
  /** Enough to be paid, but the payout account or tax details are not verified (or there is no account). */
  'account_not_ready',
  /** The latest statement forfeited the balance (the enrollment ended long before). */
  'forfeited',
  /** No final run has a statement for the author yet. */
  'no_statement',
] as const;
export type ProjectionOutcome = (typeof PROJECTION_OUTCOMES)[number];

export interface PayoutProjection {
  outcome: ProjectionOutcome;
  /** The projected payout in cents; null when no payout can be projected. */
  amountCents: bigint | null;
  /** The run's period that pays it, and the date it is paid by (`YYYY-MM-DD`). */
  period: string | null;
  payBy: string | null;
  /** The month of `asOf` (the open month the estimate is for). */
  openPeriod: string;
  /** The balance the next run opens with: carried, plus a payout of the basis that failed or was reversed, plus released payouts. */
  carriedMicros: Micros;
  thresholdMicros: Micros;
  /** How much more must be earned to reach the threshold (0 when reached). */
  shortfallMicros: Micros;
  /** Months after the latest final run that are closed but not in a final run yet. */
  unsettledPeriods: string[];
  estimate: MonthEstimate | null;
  holds: HeldPayout[];
  heldCents: bigint;
  released: HeldPayout[];
  releasedCents: bigint;
  account: { status: string; taxStatus: string; ready: boolean } | null;
  statement: BasisStatement | null;
}

const wholeCents = (amount: Micros): bigint => (amount > 0n ? amount / MICROS_PER_CENT : 0n);

function periodsBetween(after: string, before: string): string[] {
  const out: string[] = [];
  for (let p = nextPeriod(after); p < before; p = nextPeriod(p)) out.push(p);
  return out;
}

export function projectPayout(input: ProjectionInput): PayoutProjection {
  const threshold = thresholdMicros(input.minPayoutCents);
  const ready = payoutAccountReady(input.account);
  const openPeriod = periodOf(input.asOf);
  const s = input.statement;
  const returned =
    s?.payoutState && (RETURNED_PAYOUT_STATES as readonly string[]).includes(s.payoutState) ? s.payoutCents * MICROS_PER_CENT : 0n;
  const releasedCents = input.released.reduce((a, h) => a + h.payoutCents, 0n);
  const carried = (s ? s.carriedMicros + returned : 0n) + releasedCents * MICROS_PER_CENT;
  const basis = input.latestFinalPeriod ?? s?.period ?? null;
  const unsettled = basis ? periodsBetween(basis, openPeriod) : [];
  const estimate = input.estimate && input.estimate.period === openPeriod && unsettled.length === 0 ? input.estimate : null;
  const heldCents = input.holds.reduce((a, h) => a + h.payoutCents, 0n);
  const base = {
    openPeriod,
    carriedMicros: carried,
    thresholdMicros: threshold,
    unsettledPeriods: unsettled,
    estimate,
    holds: input.holds,
    heldCents,
    released: input.released,
    releasedCents,
    account: input.account ? { ...input.account, ready } : null,
    statement: s,
  };
  const none = { amountCents: null, period: null, payBy: null };
  const short = (have: Micros) => (have >= threshold ? 0n : threshold - have);

  if (!s) return { ...base, ...none, outcome: 'no_statement', shortfallMicros: short(estimate?.amountMicros ?? 0n) };
  if (s.status === 'forfeited') return { ...base, ...none, outcome: 'forfeited', shortfallMicros: threshold };
  if (s.payoutCents > 0n && s.payoutState === 'pending')
    return {
      ...base,
      outcome: 'payout_pending',
      amountCents: s.payoutCents,
      period: s.period,
      payBy: payoutDeadline(s.period),
      shortfallMicros: 0n,
    };

  const next = nextPeriod(basis!);
  if (carried >= threshold) {
    if (!ready) return { ...base, ...none, outcome: 'account_not_ready', shortfallMicros: 0n };
    return {
      ...base,
      outcome: 'next_run',
      amountCents: wholeCents(carried),
      period: next,
      payBy: payoutDeadline(next),
      shortfallMicros: 0n,
    };
  }
  const withEstimate = carried + (estimate?.amountMicros ?? 0n);
  if (estimate && withEstimate >= threshold) {
    if (!ready) return { ...base, ...none, outcome: 'account_not_ready', shortfallMicros: 0n };
    return {
      ...base,
      outcome: 'estimated',
      amountCents: wholeCents(withEstimate),
      period: estimate.period,
      payBy: payoutDeadline(estimate.period),
      shortfallMicros: 0n,
    };
  }
  return { ...base, ...none, outcome: 'below_threshold', shortfallMicros: short(withEstimate) };
}
