import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsPeriod } from '../../core/src/period/is-period.decorator.js';
import { OptionalNotNull } from '../../core/src/http/validation.js';
import { DECISIONS, type Decision } from './integrity-rules.js';

/** Computes (again) a period's signals. */
export class DetectDto {
  @IsPeriod() period!: string;
}

/** An internal note on a case (reviewers only; never shown to the writer). */
export class CaseNoteDto {
  @ApiProperty({ minLength: 1, maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  body!: string;
}

/** A decision on a case: dismiss (reason required), exclude, hold or suspend. */
export class CaseDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision!: Decision;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

/** Why a decision is reversed. */
export class CaseRevertDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
