import type { IntegrityCheckName } from './integrity.service.js';

/**
 * What each integrity check asserts, in words (the console's integrity page and the
 * dashboard alert show these). Type-only import: the console reads this file too.
 */
export const INTEGRITY_CHECK_LABELS = {
  balanced_groups: 'Every transaction group balances',
  author_balances: "Each author's ledger balance equals their latest statement's carried amount plus unsettled payouts",
  run_pools: "Each run's pool equals allocated + unallocated",
  paid_twice: 'No payout is paid twice',
  payout_file_totals: "Each payout file's total equals the run's payouts",
  rebuild: 'A journal rebuilt from the runs and payout events equals the stored one',
} as const satisfies Record<IntegrityCheckName, string>;

/** Who started a check run: the daily schedule or finance ("run checks now"). */
export const INTEGRITY_TRIGGERS = ['schedule', 'manual'] as const;
export type IntegrityTrigger = (typeof INTEGRITY_TRIGGERS)[number];
