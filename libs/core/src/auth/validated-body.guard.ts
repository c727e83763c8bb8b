import { type CanActivate, type ExecutionContext, Injectable, type Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { badInput } from '../http/errors.js';
import { STRICT_VALIDATION } from '../http/validation.js';

/** Validates the body before passport sees it, so a malformed login is a 400 naming the field, not a 401. */
export function ValidatedBody(dto: Type<object>): Type<CanActivate> {
  @Injectable()
  class ValidatedBodyGuard implements CanActivate {
    async canActivate(context: ExecutionContext): Promise<boolean> {
      const errors = await validate(plainToInstance(dto, context.switchToHttp().getRequest().body ?? {}), STRICT_VALIDATION);
      if (errors.length) {
        const details = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
        throw badInput(details.map((d) => d.message).join('; '), details);
      }
      return true;
    }
  }
  return ValidatedBodyGuard;
}
