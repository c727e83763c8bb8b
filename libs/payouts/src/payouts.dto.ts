import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUUID, Length, NotEquals, ValidateIf, ValidateNested } from 'class-validator';
import { IsPeriod } from '../../core/src/period/is-period.decorator.js';
import { PAYOUT_STATES } from './payout-rules.js';

export class StartRunDto {
  @IsPeriod() period!: string;
}

export class PayoutStateChangeDto {
  @ApiProperty() @IsUUID() statementId!: string;
  @ApiProperty({ enum: PAYOUT_STATES }) @IsIn(PAYOUT_STATES) state!: (typeof PAYOUT_STATES)[number];
}

export class MarkPaidDto {
  @ApiPropertyOptional({ type: [PayoutStateChangeDto] })
  @ValidateIf((_, v) => v !== undefined) @IsArray() @ArrayMaxSize(100000) @ValidateNested({ each: true }) @Type(() => PayoutStateChangeDto)
  payouts?: PayoutStateChangeDto[];
}

export class CreateAdjustmentDto {
  @ApiProperty() @IsString() @Length(1, 64) authorId!: string;
  @IsPeriod() period!: string;
  /** May be negative (e.g. a fraud correction); never zero; whole micro-dollars. */
  @ApiProperty({ description: 'integer micro-dollars, non-zero' })
  @IsInt({ message: 'amountMicros must be an integer number of micro-dollars' }) @NotEquals(0, { message: 'amountMicros must not be 0' })
  amountMicros!: number;
  @ApiProperty() @IsString() @Length(3, 2000) reason!: string;
}
