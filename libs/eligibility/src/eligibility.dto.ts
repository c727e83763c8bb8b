import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmptyObject,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { Nullable, OptionalNotNull } from '../../core/src/http/validation.js';
import { REJECT_REASONS, type RejectReason } from './application.entity.js';
import { MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_REASON_LENGTH } from '../../core/src/text-limits.js';
import { birthDateProblem } from './birth-date-rule.js';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date (YYYY-MM-DD)`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && value >= '1900-01-01';
        },
      },
    });
}

/** A birth date: a calendar date from 1900 to today (UTC); the message says which rule failed. */
function IsBirthDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBirthDate',
      target: target.constructor,
      propertyName,
      options: { message: ({ value }) => `${propertyName}: ${birthDateProblem(value) ?? 'invalid'}`, ...options },
      validator: { validate: (value: unknown) => birthDateProblem(value) === null },
    });
}

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** An application entered by staff (e.g. from a help-desk ticket). */
export class CreateApplicationDto {
  @ApiProperty({ description: 'the member external id' }) @IsString() @Length(1, MAX_ID_LENGTH) memberId!: string;
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsString()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '1990-05-17',
    description: "when absent, the member profile's birth date is used",
  })
  @Nullable()
  @IsBirthDate()
  birthDate?: string | null;
}

export class RejectApplicationDto {
  @ApiProperty({ enum: REJECT_REASONS }) @IsIn(REJECT_REASONS) reason!: RejectReason;
  @ApiProperty() @IsString() @Length(1, MAX_REASON_LENGTH) note!: string;
}

export class BulkApproveDto {
  @ApiProperty({
    description:
      'the filter fields of GET /api/applications, at least one condition (status defaults to pending); unknown fields are refused',
    example: { country: 'FR' },
  })
  // The validation pipe drops `__proto__`, `constructor` and `prototype` keys: a filter emptied that
  // way is refused here (and one that names no condition in the service), never widened to every application.
  @IsObject()
  @IsNotEmptyObject({ nullable: false }, { message: 'filter must name at least one condition' })
  filter!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'true: preview only (what approving now would do; nothing is written)' })
  @OptionalNotNull()
  @IsBoolean()
  dryRun?: boolean;
}

export class ClaimNextDto {
  @ApiPropertyOptional({
    description: 'the same filter as GET /api/applications (only pending ones are claimed)',
    example: { country: 'FR' },
  })
  @OptionalNotNull()
  @IsObject()
  filter?: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'the application the reviewer moves on from (their claim on it ends); the next one follows it in queue order',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  after?: string;
}

export class PartnerActionDto {
  @ApiProperty({ description: 'why the status changes (kept in the status history and the audit log)' })
  @IsString()
  @Length(1, MAX_REASON_LENGTH)
  reason!: string;
}

export class CreateCountryDto {
  @ApiProperty({ example: 'FR' }) @IsString() @Matches(COUNTRY_CODE, { message: 'code must be an ISO 3166-1 alpha-2 code' }) code!: string;
  @ApiProperty() @IsString() @Length(1, MAX_NAME_LENGTH) name!: string;
  @ApiProperty() @IsBoolean() payable!: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'default: today (UTC)' })
  @OptionalNotNull()
  @IsCalendarDate()
  dateAdded?: string;
}

export class UpdateCountryDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, MAX_NAME_LENGTH) name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() payable?: boolean;
  @ApiPropertyOptional({ type: String, format: 'date' }) @OptionalNotNull() @IsCalendarDate() dateAdded?: string;
  /** react-admin sends the whole record back: the key fields are accepted when they match the path. */
  @OptionalNotNull() @IsString() @MaxLength(2) id?: string;
  @OptionalNotNull() @IsString() @MaxLength(2) code?: string;
}
