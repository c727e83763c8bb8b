/**
 * A charge's amounts agree: the net is the gross less the processor's fee
 * (`netCents = grossCents − feeCents`), the figure the pool and referral credits use.
 * Returns why a charge is refused, or null. Amounts are exact (bigint), whatever their size.
 */
export function chargeAmountsProblem(grossCents: number, feeCents: number, netCents: number): string | null {
  const gross = BigInt(grossCents);
  const fee = BigInt(feeCents);
  const net = BigInt(netCents);
  if (fee > gross) return `feeCents must not exceed grossCents (${fee} > ${gross})`;
  return gross - fee === net ? null : `netCents must be grossCents − feeCents (${gross} − ${fee} = ${gross - fee}, got ${net})`;
}
