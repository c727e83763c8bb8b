/**
 * What the payout run asks of referral-legacy: credit the period's legacy referrals
 * (idempotently) before the statements read them. referral-legacy owns the referral
 * parameters and reads them itself, so every caller gets the same credits.
 */
export abstract class ReferralCredits {
  abstract honor(period: string): Promise<unknown>;
}
