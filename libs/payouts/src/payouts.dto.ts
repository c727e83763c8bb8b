import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../core/src/http/validation.js';
import { IsPeriod } from '../../core/src/period/is-period.decorator.js';
import { MAX_ID_LENGTH, MAX_REASON_LENGTH } from '../../core/src/text-limits.js';
import { FAILURE_CODE_PATTERN } from './payout-failure-codes.js';
import { PAYOUT_STATES } from './payout-rules.js';

/** The most payout state changes one mark-paid call lists (the rest of the run's pending payouts become transferred). */
export const MAX_PAYOUT_CHANGES = 10_000;
/** JSON numbers are exact up to here; a larger amount would not be the one the client meant. */
const MAX_JSON_INTEGER = Number.MAX_SAFE_INTEGER;

export class StartRunDto {
  @IsPeriod() period!: string;
}

export class PayoutStateChangeDto {
  @ApiProperty() @IsUUID() statementId!: string;
  @ApiProperty({ enum: PAYOUT_STATES }) @IsIn(PAYOUT_STATES) state!: (typeof PAYOUT_STATES)[number];
  /** Why a failed or reversed payout failed: a processor failure code (payout-failure-codes.ts lists the known ones). */
  @ApiPropertyOptional({ pattern: FAILURE_CODE_PATTERN.source, maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 64)
  @Matches(FAILURE_CODE_PATTERN, { message: 'failureCode must be lower-case letters, digits and _ (e.g. account_closed)' })
  failureCode?: string;
  /** Finance's note on a failed or reversed payout (kept in the audit log). */
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH })
  @OptionalNotNull()
  @IsString()
  @Length(1, MAX_REASON_LENGTH)
  note?: string;
}

export class MarkPaidDto {
  @ApiPropertyOptional({ type: [PayoutStateChangeDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_PAYOUT_CHANGES)
  @ValidateNested({ each: true })
  @Type(() => PayoutStateChangeDto)
  payouts?: PayoutStateChangeDto[];
}

export class CreateAdjustmentDto {
  @ApiProperty() @IsString() @Length(1, MAX_ID_LENGTH) authorId!: string;
  @IsPeriod() period!: string;
  /** May be negative (e.g. a fraud correction); never zero; whole micro-dollars. */
  @ApiProperty({ description: 'integer micro-dollars, non-zero', minimum: -MAX_JSON_INTEGER, maximum: MAX_JSON_INTEGER })
  @IsInt({ message: 'amountMicros must be an integer number of micro-dollars' })
  @NotEquals(0, { message: 'amountMicros must not be 0' })
  @Min(-MAX_JSON_INTEGER)
  @Max(MAX_JSON_INTEGER)
  amountMicros!: number;
  @ApiProperty() @IsString() @Length(3, MAX_REASON_LENGTH) reason!: string;
}
