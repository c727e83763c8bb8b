import type { SettlementLineClass } from '@libs/payouts/src/settlement-rules';

/** How the console names and colours a settlement line's class. */
export const CLASS_LABELS: Record<SettlementLineClass, string> = {
  matched: 'Matched',
  already_applied: 'Already applied',
  amount_mismatch: 'Amount mismatch',
  unknown_reference: 'Unknown reference',
  duplicate: 'Duplicate',
  transition_not_allowed: 'Transition not allowed',
};
export const CLASS_COLORS: Record<SettlementLineClass, 'success' | 'default' | 'error' | 'warning'> = {
  matched: 'success',
  already_applied: 'default',
  amount_mismatch: 'error',
  unknown_reference: 'error',
  duplicate: 'warning',
  transition_not_allowed: 'warning',
};
