import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import stringify from 'safe-stable-stringify';
import type { Actor } from '../auth/access.decorators.js';
import { ApiError, badInput, ruleViolation } from '../http/errors.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { TransactionScope } from './transaction-scope.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1–255 printable ASCII characters (spec/api.md). */
const KEY = /^[\x20-\x7e]{1,255}$/;

function keyOf(req: Request): string {
  const key = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (typeof key !== 'string' || !KEY.test(key)) {
    const message =
      key === undefined ? 'is required on this money write (one per action, the same on a retry)' : 'must be 1-255 printable characters';
    throw badInput(`${IDEMPOTENCY_HEADER} ${message}`, [{ field: IDEMPOTENCY_HEADER, message }]);
  }
  return key;
}

/**
 * Stripe's idempotency for @MoneyWrite routes, per staff user and key: the first request
 * runs, in one transaction with its stored response, so the key commits exactly with the
 * effect; a repeat with the same body gets that response (status and body, with
 * `Idempotent-Replayed: true`) and writes nothing; the same key with another method, path
 * or body is a 422 `idempotency_key_reused`; a repeat while the first is still running is
 * a 409 `idempotency_key_in_flight` (retry: it then gets the stored response). A request
 * that fails wrote nothing and stores nothing, so its retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly scope: TransactionScope,
    private readonly keys: IdempotencyRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: Actor }>();
    const res = http.getResponse<Response>();
    const key = keyOf(req);
    const staffId = req.user?.id;
    if (!staffId) throw new Error('@MoneyWrite() needs a staff route (no signed-in user)');
    const route = `${req.method} ${req.baseUrl}${req.path}`;
    const fingerprint = createHash('sha256')
      .update(`${route}\n${stringify(req.body ?? null)}`)
      .digest('hex');
    const outcome = this.scope.outermost(async (m) => {
      if (!(await this.keys.claim(m, staffId, key))) {
        throw new ApiError(409, 'conflict', `a request with this ${IDEMPOTENCY_HEADER} is still in progress; retry in a moment`, {
          rule: 'idempotency_key_in_flight',
        });
      }
      const stored = await this.keys.find(m, staffId, key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw ruleViolation(
            'idempotency_key_reused',
            `this ${IDEMPOTENCY_HEADER} was used for another request; use a new key for a new action`,
          );
        }
        return { replayed: true, status: stored.status, body: stored.body };
      }
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.keys.store(m, staffId, key, route, { fingerprint, status: res.statusCode, body });
      return { replayed: false, status: res.statusCode, body };
    });
    return from(outcome).pipe(
      map(({ replayed, status, body }) => {
        if (replayed) res.status(status).setHeader('Idempotent-Replayed', 'true');
        return body;
      }),
    );
  }
}
