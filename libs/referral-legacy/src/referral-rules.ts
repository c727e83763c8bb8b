/*
 * The legacy referral rule (spec/earnings.md step 8), in one place for every door:
 * intake (bundle import and `POST /api/intake/referrals`) refuses late referrals with
 * `referralRefusal`, and the monthly job credits with the same figures as `referralCreditCents`.
 */

/** The referral program closed at this instant; referrals on or after it are refused (*param* `referralCutoff`). */
export const REFERRAL_CUTOFF = '2023-09-01T00:00:00Z';

/** The error every door gives for a referral on or after the cutoff. */
export const REFERRAL_PROGRAM_ENDED = 'the referral program ended on 2023-09-01';

/** The earnings parameters step 8 uses; the payout run passes its own parameter set. */
export interface ReferralParams {
  /** The referrer's share of the referred member's net charge, in basis points (*param*, default 5000). */
  referralShareBps: number;
  /** Referrals at or after this instant are never honored (*param*, default 2023-09-01T00:00:00Z). */
  referralCutoff: string;
}

export const DEFAULT_REFERRAL_PARAMS: ReferralParams = { referralShareBps: 5000, referralCutoff: REFERRAL_CUTOFF };

const CUTOFF_MS = Date.parse(REFERRAL_CUTOFF);

/** True when a referral made at this instant is honored (strictly before the cutoff). */
export function isHonoredReferral(referredAt: string | Date): boolean {
  const at = typeof referredAt === 'string' ? Date.parse(referredAt) : referredAt.getTime();
  return Number.isFinite(at) && at < CUTOFF_MS;
}

/**
 * Why intake must refuse this referral, or null when it may be stored. Only the cutoff
 * rule: a timestamp that does not parse is intake's own "bad timestamp" error.
 */
export function referralRefusal(referredAt: string | Date): string | null {
  const at = typeof referredAt === 'string' ? Date.parse(referredAt) : referredAt.getTime();
  if (!Number.isFinite(at)) return null;
  return at >= CUTOFF_MS ? REFERRAL_PROGRAM_ENDED : null;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPeriod = (value: unknown): value is string => typeof value === 'string' && PERIOD.test(value);

/** Months since year 0 (`YYYY-MM` → year × 12 + month − 1): the job and SQL count covered months with it. */
export function monthIndex(period: string): number {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period (YYYY-MM): ${period}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function periodOfIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The UTC month before the one containing `at`: what the scheduled run on the 2nd honors. */
export function previousPeriod(at: Date): string {
  return periodOfIndex(at.getUTCFullYear() * 12 + at.getUTCMonth() - 1);
}

/**
 * Step 8 for one paid charge and one period, in cents: `total = netCents × bps // 10000`;
 * a monthly charge gives `total` to its own month; an annual one gives month k (0..11 from
 * `coversFrom`) `total // 12`, plus 1 cent when `k < total mod 12`. 0 for months it does not cover.
 * The job computes the same in SQL; this is the reference its tests hold it to.
 */
export function referralCreditCents(
  charge: { plan: 'monthly' | 'annual'; netCents: bigint; coversFrom: string },
  period: string,
  referralShareBps: number = DEFAULT_REFERRAL_PARAMS.referralShareBps,
): bigint {
  const total = (charge.netCents * BigInt(referralShareBps)) / 10000n;
  const k = monthIndex(period) - monthIndex(charge.coversFrom.slice(0, 7));
  if (charge.plan === 'monthly') return k === 0 ? total : 0n;
  if (k < 0 || k > 11) return 0n;
  return total / 12n + (BigInt(k) < total % 12n ? 1n : 0n);
}
