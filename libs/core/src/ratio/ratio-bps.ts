/** part / whole in basis points, floor (earnings.md step 3's 10000 × reads // views); 0 when whole is 0. Exact: bigint. */
export const ratioBps = (part: number, whole: number): bigint => (whole > 0 ? (BigInt(part) * 10000n) / BigInt(whole) : 0n);
