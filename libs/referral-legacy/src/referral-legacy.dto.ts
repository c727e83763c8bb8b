import { ApiProperty } from '@nestjs/swagger';
import { ApiMoney, ApiTimestamp } from '../../core/src/http/api-docs.js';
import { CREDIT_KINDS } from './referral-credit.entity.js';

/* What the referral routes answer (OpenAPI; the console's types come from these). */

/** A legacy referral with the referred member's plan and whether they still pay. */
export class ReferralRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) referrerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) referrerName!: string | null;
  @ApiProperty({ type: String, nullable: true }) referrerUsername!: string | null;
  @ApiProperty({ type: String, nullable: true }) referredMemberId!: string | null;
  @ApiProperty({ type: String, nullable: true }) referredMemberName!: string | null;
  @ApiTimestamp() referredAt!: string;
  @ApiProperty() pageSlug!: string;
  @ApiProperty({ type: String, nullable: true }) plan!: string | null;
  @ApiProperty() stillPaying!: boolean;
  @ApiMoney({ description: 'micro-dollars credited so far, net of reversals' }) creditedMicros!: number | string;
}

/** A monthly credit, or the reversal of one (negative `amountMicros`). */
export class ReferralCreditRecord {
  @ApiProperty() id!: string;
  @ApiProperty() referralId!: string;
  @ApiProperty() chargeId!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ enum: CREDIT_KINDS }) kind!: string;
  @ApiMoney() amountMicros!: number | string;
  @ApiProperty({ type: String, nullable: true }) reversesPeriod!: string | null;
  @ApiProperty({ type: String, nullable: true }) referrerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) referrerName!: string | null;
  @ApiProperty({ type: String, nullable: true }) referredMemberId!: string | null;
  @ApiProperty({ type: String, nullable: true }) plan!: string | null;
  @ApiTimestamp() createdAt!: string;
}

/** A period's referral credits in sum (id = period). */
export class ReferralCreditTotalsRecord {
  @ApiProperty() id!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ type: 'integer' }) credits!: number;
  @ApiProperty({ type: 'integer' }) reversals!: number;
  @ApiProperty({ type: 'integer' }) referrers!: number;
  @ApiMoney() creditedMicros!: number | string;
  @ApiMoney() reversedMicros!: number | string;
  @ApiMoney() totalMicros!: number | string;
}
