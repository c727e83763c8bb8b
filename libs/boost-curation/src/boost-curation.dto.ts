import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Length,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { OptionalNotNull } from '../../core/src/http/validation.js';
import { DECLINE_REASONS, type DeclineReason } from './nomination.entity.js';
import { MAX_ID_LENGTH, MAX_REASON_LENGTH } from '../../core/src/text-limits.js';

/**
 * A decline's note: required for "other", at most MAX_REASON_LENGTH characters; one message
 * in words whichever rule fails (null is refused, not skipped).
 */
function DeclineNote(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'declineNote',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: ({ value, object }) =>
          typeof value === 'string' && value.length > MAX_REASON_LENGTH
            ? `note: shorten the note to at most ${MAX_REASON_LENGTH} characters (it has ${value.length})`
            : (object as { reason?: string }).reason === 'other'
              ? 'note: write a note saying why: a decline for “other” needs one'
              : 'note: write a note or leave it out',
      },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (value === undefined && (args.object as { reason?: string }).reason !== 'other') return true;
          return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_REASON_LENGTH;
        },
      },
    });
}

export class BoostNominationDto {
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH }) @OptionalNotNull() @IsString() @Length(1, MAX_REASON_LENGTH) note?: string;
}

export class DeclineNominationDto {
  @ApiProperty({ enum: DECLINE_REASONS }) @IsIn(DECLINE_REASONS) reason!: DeclineReason;
  /** Required when the reason is `other`. */
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH })
  @DeclineNote()
  note?: string;
}

export class BoostStoryDto {
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH }) @OptionalNotNull() @IsString() @Length(1, MAX_REASON_LENGTH) reason?: string;
}

export class EndBoostDto {
  @ApiProperty({ maxLength: MAX_REASON_LENGTH }) @IsString() @Length(1, MAX_REASON_LENGTH) reason!: string;
}

export class NominationClaimNextDto {
  @ApiPropertyOptional({ description: 'the same filter as GET /api/nominations (only pending ones are claimed)' })
  @OptionalNotNull()
  @IsObject()
  filter?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'the nomination the curator moves on from (their claim on it ends)' })
  @OptionalNotNull()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  after?: string;
}

/** The most nominations one bulk decline takes: a page of the queue. */
export const BULK_DECLINE_MAX = 100;

export class BulkDeclineDto {
  @ApiProperty({ type: [String], maxItems: BULK_DECLINE_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_DECLINE_MAX)
  @IsString({ each: true })
  @Length(1, MAX_ID_LENGTH, { each: true })
  ids!: string[];
  @ApiProperty({ enum: DECLINE_REASONS }) @IsIn(DECLINE_REASONS) reason!: DeclineReason;
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH })
  @DeclineNote()
  note?: string;
  @ApiPropertyOptional({ description: 'true: preview only (what declining now would do; nothing is written)' })
  @OptionalNotNull()
  @IsBoolean()
  dryRun?: boolean;
}
