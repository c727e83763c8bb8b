import { applyDecorators, ValidationPipe, type ValidationError } from '@nestjs/common';
import { Allow, IsDefined, ValidateIf } from 'class-validator';
import { badInput, type FieldProblem } from './errors.js';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flatten(e.children ?? [], field));
  });
}

/**
 * The one validation path of every write: class-validator DTOs, whitelisted (unknown
 * properties are a 400), each bad field named in the 400. Bodies reach it already bounded
 * and free of prototype keys (json-body.ts).
 */
export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export const apiValidationPipe = () =>
  new ValidationPipe({
    ...STRICT_VALIDATION,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return badInput(problems.map((p) => p.message).join('; ') || 'invalid input', problems);
    },
  });

/**
 * May be omitted, but never `null` (class-validator's `@IsOptional` lets null through, which
 * then reaches the database or a computation as a value). Use it for every optional field
 * unless null has a meaning; then use `@Nullable()`.
 */
export const OptionalNotNull = () =>
  applyDecorators(
    ValidateIf((_: object, v: unknown) => v !== undefined),
    IsDefined({ message: ({ property }) => `${property} may be omitted but must not be null` }),
  );

/** May be omitted or `null`, where null means something (unassign, clear, "use the profile's"). */
export const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);

/** A read-only field react-admin sends back on edit: accepted and ignored (never validated, never stored). */
export const EchoedReadOnly = () => Allow();
