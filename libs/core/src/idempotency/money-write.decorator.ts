import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { StepUp } from '../auth/step-up.decorator.js';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor.js';

export const MONEY_WRITE_KEY = 'ppc:money-write';

/**
 * Marks a route that changes money or a payout state: it requires an Idempotency-Key
 * (see IdempotencyInterceptor) and runs in one transaction with its stored response.
 * It also needs a recent second-factor confirmation (StepUp). Security checks find the money routes by this mark.
 */
export const MoneyWrite = () =>
  applyDecorators(
    SetMetadata(MONEY_WRITE_KEY, true),
    StepUp(),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: true,
      description: '1-255 printable characters, one per action (the same on a retry), per staff user',
    }),
    UseInterceptors(IdempotencyInterceptor),
  );
