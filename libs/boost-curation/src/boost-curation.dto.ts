import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
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
