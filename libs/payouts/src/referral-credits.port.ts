import type { EarningsParameters } from './earnings-parameters.js';

/**
 * What the payout run asks of referral-legacy: credit the period's legacy referrals
 * (idempotently) before the statements read them.
 */
export abstract class ReferralCredits {
  abstract honor(period: string, params: Pick<EarningsParameters, 'referralShareBps'>): Promise<unknown>;
}
