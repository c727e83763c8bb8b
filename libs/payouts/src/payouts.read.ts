import { toJson, micros } from '../../core/src/money/money.js';

/** pg returns bigint columns as strings: JSON integers for the API (strings only past 2^53). */
export function withMoney<T extends Record<string, unknown>>(row: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const f of fields) if (out[f] !== null && out[f] !== undefined) out[f] = toJson(micros(out[f] as string));
  return out as T;
}

export const RUN_MONEY = ['poolMicros', 'allocatedMicros', 'unallocatedMicros', 'referralMicros', 'paidOutCents'] as const;
export const STORY_MONEY = [
  'earningsMicros',
  'readingTimeMicros',
  'engagementMicros',
  'readRatioAdjustmentMicros',
  'followerBonusMicros',
  'boostBonusMicros',
] as const;
/** Story statistics stored as bigint (not money). */
export const STORY_BIG_COUNTS = ['memberReadingSeconds'] as const;

/** A story earnings row for the API: its money and its bigint statistics as JSON integers. */
export function storyEarningsView<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = withMoney(row, STORY_MONEY);
  for (const f of STORY_BIG_COUNTS) if (out[f] !== null && out[f] !== undefined) out[f] = toJson(BigInt(out[f] as string));
  return out as T;
}
export const STATEMENT_MONEY = [
  'openingMicros',
  'storyEarningsMicros',
  'referralEarningsMicros',
  'adjustmentsMicros',
  'balanceMicros',
  'payoutCents',
  'carriedMicros',
  'forfeitedMicros',
] as const;
