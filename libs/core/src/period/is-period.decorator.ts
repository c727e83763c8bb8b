import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf, registerDecorator } from 'class-validator';
import { FIRST_PERIOD, isPeriod, LAST_PERIOD, periodProblem } from './period.js';

function PeriodRule(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPeriod',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (args) => `${args.property} ${periodProblem(args.value)}` },
      validator: { validate: (value: unknown) => isPeriod(value) },
    });
}

const doc = {
  type: String,
  example: '2026-10',
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: `a month, ${FIRST_PERIOD} to ${LAST_PERIOD}`,
};

/** A required period (`YYYY-MM` within the sane range): every DTO that takes one uses this. */
export const IsPeriod = () => applyDecorators(ApiProperty(doc), PeriodRule());

/** An optional period: absent or null is accepted (`nullable`), anything else must be a period. */
export const IsOptionalPeriod = ({ nullable = false } = {}) =>
  applyDecorators(
    ApiPropertyOptional({ ...doc, nullable }),
    ValidateIf((_, v) => v !== undefined && !(nullable && v === null)),
    PeriodRule(),
  );
