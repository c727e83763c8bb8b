/*
 * The legacy referral rule (spec/earnings.md step 8), in one place for every door:
 * intake (bundle import and `POST /api/intake/referrals`) refuses late referrals with
 * `referralRefusal`, the referrals table's CHECK is `referralCutoffCheck`, and the monthly
 * credits use the figures of `referralCreditCents`.
 */
import { monthIndex } from '../../core/src/period/period.js';
import { DEFAULT_REFERRAL_PARAMETERS } from './referral-parameters.js';

/**
 * The referral program closed at this instant; referrals on or after it are refused. A
 * fixed fact of the program's history, not a parameter: the database refuses later
 * referrals, so no setting could honor them.
 */
export const REFERRAL_CUTOFF = '2023-09-01T00:00:00Z';

const CUTOFF_MS = Date.parse(REFERRAL_CUTOFF);

/** The error every door gives for a referral on or after the cutoff. */
export const REFERRAL_PROGRAM_ENDED = `the referral program ended on ${REFERRAL_CUTOFF.slice(0, 10)}`;

/** The rule as a CHECK constraint on the referral's timestamp column. */
export const referralCutoffCheck = (column: string): string => `${column} < '${REFERRAL_CUTOFF}'`;

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

/**
 * Step 8 for one paid charge and one period, in cents: `total = netCents × bps // 10000`;
 * a monthly charge gives `total` to its own month; an annual one gives month k (0..11 from
 * `coversFrom`) `total // 12`, plus 1 cent when `k < total mod 12`. 0 for months it does not cover.
 * The job computes the same in SQL; this is the reference its tests hold it to.
 */
export function referralCreditCents(
  charge: { plan: 'monthly' | 'annual'; netCents: bigint; coversFrom: string },
  period: string,
  referralShareBps: number = DEFAULT_REFERRAL_PARAMETERS.referralShareBps,
): bigint {
  const total = (charge.netCents * BigInt(referralShareBps)) / 10000n;
  const k = monthIndex(period) - monthIndex(charge.coversFrom.slice(0, 7));
  if (charge.plan === 'monthly') return k === 0 ? total : 0n;
  if (k < 0 || k > 11) return 0n;
  return total / 12n + (BigInt(k) < total % 12n ? 1n : 0n);
}
