import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { periodCheck } from '../../core/src/period/period.js';

export const CREDIT_KINDS = ['credit', 'reversal'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/**
 * What a legacy referrer earned in a period (spec/earnings.md step 8), written only by
 * the `honor-legacy-referrals` run and never changed afterwards (a trigger refuses
 * UPDATE and DELETE; corrections are payout adjustments).
 *
 * - `credit`: the referrer's share of one paid charge of the referred member for one
 *   month the charge covers. At most one per (referral, charge, period).
 * - `reversal`: the charge was refunded after it was credited. The run of a later period
 *   P writes, for each credited period X < P, one row in P with the negated amount and
 *   `reverses_period` = X. At most one per (referral, charge, reversed period), so a
 *   credit is reversed once whichever runs see the refund.
 *
 * The two partial unique indexes are what make the run idempotent and safe when two
 * workers run it at once (`INSERT ... ON CONFLICT DO NOTHING`).
 */
@Entity('referral_credits')
@Index('referral_credits_credit_key', ['referralId', 'chargeId', 'period'], { unique: true, where: `kind = 'credit'` })
@Index('referral_credits_reversal_key', ['referralId', 'chargeId', 'reversesPeriod'], { unique: true, where: `kind = 'reversal'` })
@Index('referral_credits_period_referrer_idx', ['period', 'referrerKey'])
@Index('referral_credits_referrer_idx', ['referrerKey'])
@Index('referral_credits_charge_idx', ['chargeId'])
@Index('referral_credits_referral_idx', ['referralId'])
@Check('referral_credits_kind_check', `kind IN ('credit','reversal')`)
@Check('referral_credits_period_check', periodCheck('period'))
@Check(
  'referral_credits_shape_check',
  `(kind = 'credit' AND amount_micros > 0 AND reverses_period IS NULL) OR (kind = 'reversal' AND amount_micros < 0 AND reverses_period < period)`,
)
export class ReferralCredit {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', name: 'referral_id', collation: 'C' }) referralId!: string;
  @Column({ type: 'text', name: 'charge_id', collation: 'C' }) chargeId!: string;
  /** The month this row counts in, `YYYY-MM`: the payout run of that period sums it. */
  @Column({ type: 'text', collation: 'C' }) period!: string;
  /** The referrer's member key (copied from the referral so that the payout run sums without a join). */
  @Column({ type: 'integer', name: 'referrer_key' }) referrerKey!: number;
  /** µ$ (whole cents × 10,000); negative for reversals. */
  @Column({ type: 'bigint', name: 'amount_micros' }) amountMicros!: string;
  @Column({ type: 'text' }) kind!: CreditKind;
  /** For a reversal: the period whose credit it cancels. */
  @Column({ type: 'text', name: 'reverses_period', collation: 'C', nullable: true }) reversesPeriod!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
