/*
 * The processor's settlement file (issue 17, reconciliation): what its statuses mean for a
 * payout, how its lines are classified against the run, and its bounds. Type-only imports,
 * so the console reads the same values.
 */
import type { PayoutState } from './payout-rules.js';

/** A line's status, as the processor reports it. */
export const SETTLEMENT_STATUSES = ['paid', 'failed', 'returned'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** The payout state a settled line moves its payout to (each must be a PAYOUT_TRANSITIONS target). */
export const SETTLEMENT_OUTCOMES: Record<SettlementStatus, PayoutState> = {
  paid: 'transferred',
  failed: 'failed',
  returned: 'reversed',
};

/** Statuses that must name a failure code (and only these may). */
export const FAILED_SETTLEMENT_STATUSES: readonly SettlementStatus[] = ['failed', 'returned'];

/**
 * How a line compares with the run. Only `matched` lines move a payout; `already_applied`
 * lines find the payout in the state they report (a file, or a line, seen before).
 */
export const SETTLEMENT_LINE_CLASSES = [
  'matched',
  'already_applied',
  'amount_mismatch',
  'unknown_reference',
  'duplicate',
  'transition_not_allowed',
] as const;
export type SettlementLineClass = (typeof SETTLEMENT_LINE_CLASSES)[number];

/** The columns of a settlement file; `reference` is a statement id or the payout's reference (the author id of the payout file). */
export const SETTLEMENT_COLUMNS = ['reference', 'status', 'amount', 'date', 'failure_code'] as const;
export type SettlementColumn = (typeof SETTLEMENT_COLUMNS)[number];
/** Other header names finance's exports use for the same columns. */
export const SETTLEMENT_COLUMN_ALIASES: Record<string, SettlementColumn> = {
  statement_id: 'reference',
  payout_reference: 'reference',
  settled_on: 'date',
};
export const REQUIRED_SETTLEMENT_COLUMNS: readonly SettlementColumn[] = ['reference', 'status', 'amount', 'date'];

/** The largest settlement file (bytes of CSV) and the most lines it may hold. */
export const MAX_SETTLEMENT_BYTES = 8 * 1024 * 1024;
export const MAX_SETTLEMENT_LINES = 100_000;
/** The most lines and missing payouts a preview lists (problems first); the counts cover all. */
export const MAX_PREVIEW_ITEMS = 2_000;
