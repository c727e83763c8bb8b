import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { BodyLimits } from '../../../core/src/http/body-limits.js';
import { OptionalNotNull } from '../../../core/src/http/validation.js';
import { MAX_NAME_LENGTH } from '../../../core/src/text-limits.js';
import { MAX_SETTLEMENT_BYTES } from '../settlement-rules.js';

/** One settlement file as JSON text (escaping may double its size): a flat object of two strings. */
export const SETTLEMENT_BODY_LIMITS: BodyLimits = { bytes: 2 * MAX_SETTLEMENT_BYTES + 4096, depth: 1, members: 4, root: 'object' };

/** The processor's settlement file for a payout run, as uploaded (the CSV's text). */
export class SettlementFileDto {
  @ApiProperty({ description: 'the CSV text: reference,status,amount,date,failure_code', maxLength: MAX_SETTLEMENT_BYTES })
  @IsString()
  @Length(1, MAX_SETTLEMENT_BYTES)
  content!: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH })
  @OptionalNotNull()
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  fileName?: string;
}
