import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, NotEquals, ValidateNested } from 'class-validator';
import { PAYOUT_STATES } from './payouts.entities.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class StartRunDto {
  @ApiProperty({ example: '2026-10' }) @IsString() @Matches(PERIOD, { message: 'period must be a month YYYY-MM' }) period!: string;
}

export class PayoutStateChangeDto {
  @ApiProperty() @IsUUID() statementId!: string;
  @ApiProperty({ enum: PAYOUT_STATES }) @IsIn(PAYOUT_STATES) state!: (typeof PAYOUT_STATES)[number];
}

export class MarkPaidDto {
  @ApiPropertyOptional({ type: [PayoutStateChangeDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100000) @ValidateNested({ each: true }) @Type(() => PayoutStateChangeDto)
  payouts?: PayoutStateChangeDto[];
}

export class CreateAdjustmentDto {
  @ApiProperty() @IsString() @Length(1, 64) authorId!: string;
  @ApiProperty({ example: '2026-10' }) @IsString() @Matches(PERIOD, { message: 'period must be a month YYYY-MM' }) period!: string;
  /** May be negative (e.g. a fraud correction); never zero; whole micro-dollars. */
  @ApiProperty({ description: 'integer micro-dollars, non-zero' })
  @IsInt({ message: 'amountMicros must be an integer number of micro-dollars' }) @NotEquals(0, { message: 'amountMicros must not be 0' })
  amountMicros!: number;
  @ApiProperty() @IsString() @Length(3, 2000) reason!: string;
}
