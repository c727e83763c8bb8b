import { HttpException } from '@nestjs/common';

/** The one error shape of the API (spec/api.md): `{statusCode, code, message, details?}`. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super({ statusCode: status, code, message, ...(details === undefined ? {} : { details }) }, status);
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const badInput = (message: string, details?: FieldProblem[]) => new ApiError(400, 'validation_failed', message, details);
export const notFound = (what: string, id: string) => new ApiError(404, 'not_found', `${what} ${id} not found`);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);
export const ruleViolation = (rule: string, message: string, details?: unknown) =>
  new ApiError(422, 'rule_violation', message, { rule, ...(details === undefined ? {} : { details }) });
