/**
 * The referral section of the versioned parameter set: referral-legacy is its only reader
 * (ReferralCreditsService reads it when it honors a period, whoever asks). No imports.
 */
export interface ReferralParameters {
  /** The referrer's share of the referred member's net charge, in basis points (*param*, default 5000). */
  referralShareBps: number;
}

export const DEFAULT_REFERRAL_PARAMETERS: ReferralParameters = { referralShareBps: 5000 };

/** Inclusive integer bounds of each field. */
export const REFERRAL_PARAMETER_BOUNDS: Record<keyof ReferralParameters, readonly [number, number]> = { referralShareBps: [0, 10000] };
