import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { OptionalNotNull } from '../../core/src/http/validation.js';
import { DECLINE_REASONS, type DeclineReason } from './nomination.entity.js';
import { MAX_REASON_LENGTH } from '../../core/src/text-limits.js';

export class BoostNominationDto {
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH }) @OptionalNotNull() @IsString() @Length(1, MAX_REASON_LENGTH) note?: string;
}

export class DeclineNominationDto {
  @ApiProperty({ enum: DECLINE_REASONS }) @IsIn(DECLINE_REASONS) reason!: DeclineReason;
  /** Required when the reason is `other`. */
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH })
  @ValidateIf((o: DeclineNominationDto) => o.reason === 'other' || o.note !== undefined)
  @IsString()
  @Length(1, MAX_REASON_LENGTH, { message: `note must be 1 to ${MAX_REASON_LENGTH} characters (required when the reason is other)` })
  note?: string;
}

export class BoostStoryDto {
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH }) @OptionalNotNull() @IsString() @Length(1, MAX_REASON_LENGTH) reason?: string;
}

export class EndBoostDto {
  @ApiProperty({ maxLength: MAX_REASON_LENGTH }) @IsString() @Length(1, MAX_REASON_LENGTH) reason!: string;
}
