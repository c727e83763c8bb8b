import { divHalfEven } from '../../core/src/money/money.js';

/**
 * The estimated money a boost would move to a story (µ$): the story's earnings per day in
 * the latest computed month (its current readership), times the boost's extra
 * multiplier (boostBps − 10,000 basis points), over the boost window. An estimate: a boost
 * also draws new readers, and each reader's contribution is shared, so the real effect
 * (known after the runs) differs.
 */
export function boostImpactEstimate(input: { earningsMicros: bigint; periodDays: number; boostBps: number; boostDays: number }): bigint {
  const extraBps = BigInt(input.boostBps - 10_000);
  return divHalfEven(input.earningsMicros * extraBps * BigInt(input.boostDays), 10_000n * BigInt(input.periodDays));
}
