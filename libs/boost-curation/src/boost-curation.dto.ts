import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { DECLINE_REASONS, type DeclineReason } from './nomination.entity.js';

export class BoostNominationDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class DeclineNominationDto {
  @ApiProperty({ enum: DECLINE_REASONS }) @IsIn(DECLINE_REASONS) reason!: DeclineReason;
  /** Required when the reason is `other`. */
  @ApiPropertyOptional({ maxLength: 2000 })
  @ValidateIf((o: DeclineNominationDto) => o.reason === 'other' || o.note != null)
  @IsString()
  @Length(1, 2000, { message: 'note must be 1 to 2000 characters (required when the reason is other)' })
  note?: string;
}

export class BoostStoryDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class EndBoostDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) reason!: string;
}

export class NominationClaimNextDto {
  @ApiPropertyOptional({ description: 'the same filter as GET /api/nominations (only pending ones are claimed)' })
  @IsOptional() @IsObject() filter?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'the nomination the curator moves on from (their claim on it ends)' })
  @IsOptional() @IsString() @Length(1, 200) after?: string;
}

/** The most nominations one bulk decline takes: a page of the queue. */
export const BULK_DECLINE_MAX = 100;

export class BulkDeclineDto {
  @ApiProperty({ type: [String], maxItems: BULK_DECLINE_MAX })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BULK_DECLINE_MAX) @IsString({ each: true }) @Length(1, 200, { each: true }) ids!: string[];
  @ApiProperty({ enum: DECLINE_REASONS }) @IsIn(DECLINE_REASONS) reason!: DeclineReason;
  @ApiPropertyOptional({ maxLength: 2000 })
  @ValidateIf((o: BulkDeclineDto) => o.reason === 'other' || o.note != null)
  @IsString()
  @Length(1, 2000, { message: 'note must be 1 to 2000 characters (required when the reason is other)' })
  note?: string;
  @ApiPropertyOptional({ description: 'true: preview only (what declining now would do; nothing is written)' })
  @IsOptional() @IsBoolean() dryRun?: boolean;
}
