import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { badInput, type FieldProblem } from './errors.js';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flatten(e.children ?? [], field));
  });
}

/** class-validator DTOs; unknown properties are refused; each bad field is named in the 400. */
export const apiValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return badInput(problems.map((p) => p.message).join('; ') || 'invalid input', problems);
    },
  });
