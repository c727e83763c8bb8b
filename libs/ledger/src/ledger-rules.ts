/*
 * The ledger's accounts and the rules that place money in them (issue 17). Signed integer
 * micro-dollars: a debit is > 0, a credit < 0; money *held* by an account is a credit
 * balance, so a transfer of `a` from X to Y is X +a, Y −a. No imports: the console and
 * other libs read the same names.
 */

export const ACCOUNTS = {
  /** Members' dues share of a period: funds the pool. */
  dues: 'dues',
  /** The period's pool; zero once the run is approved (allocated + unallocated). */
  pool: (period: string) => `pool:${period}`,
  unallocated: 'unallocated',
  /** What the program owes an author: their earnings balance. */
  author: (authorKey: number) => `author:${authorKey}`,
  referralCredits: 'referral_credits',
  adjustments: 'adjustments',
  inTransit: 'in_transit',
  paidOut: 'paid_out',
  forfeited: 'forfeited',
  held: 'held',
} as const;

/** Kinds of entries, as written in `ledger_entries.kind`. */
export const ENTRY_KINDS = [
  'pool_funding',
  'allocation',
  'unallocated',
  'referral_credit',
  'adjustment',
  'payout',
  'forfeit',
  'payout_transition',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * Where a payout's money is while the payout is in a state (SQL over a row with
 * `author_key`): failed, reversed and released payouts are back in the author's balance.
 */
export const payoutLocationSql = (state: string) =>
  `CASE ${state} WHEN 'pending' THEN '${ACCOUNTS.inTransit}' WHEN 'on_hold' THEN '${ACCOUNTS.held}'
     WHEN 'transferred' THEN '${ACCOUNTS.paidOut}' WHEN 'forfeited' THEN '${ACCOUNTS.forfeited}'
     ELSE 'author:' || author_key END`;

/**
 * Payout states whose money is back in the author's balance until a later approved run takes
 * it back into an opening: a transfer that failed or was reversed, a hold released.
 */
export const UNSETTLED_PAYOUT_STATES = ['failed', 'reversed', 'released'] as const;
/** `('failed', 'reversed', 'released')` for SQL: `payout_state IN ${UNSETTLED_PAYOUT_STATES_SQL}`. */
export const UNSETTLED_PAYOUT_STATES_SQL = `(${UNSETTLED_PAYOUT_STATES.map((s) => `'${s}'`).join(', ')})`;

/** Deterministic transaction group ids, so a rebuilt journal equals the stored one. */
export const approvalGroupSql = (runId: string) => `md5('approve:' || ${runId})::uuid`;
export const payoutEventGroupSql = (eventId: string) => `md5('payout-event:' || ${eventId})::uuid`;

/** Who moved a payout: recorded with each payout event. */
export const PAYOUT_EVENT_SOURCES = ['mark-paid', 'settlement', 'hold', 'release', 'forfeit'] as const;
export type PayoutEventSource = (typeof PAYOUT_EVENT_SOURCES)[number];
