import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { safeError } from '../logging.js';
import { fromDatabase, type DriverError, type ErrorBody } from './database-errors.js';

const CODES: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Errors from the HTTP stack (http-errors: a malformed URL, an aborted body) that say what the client did wrong. */
function fromHttpStack(error: unknown): ErrorBody | null {
  const e = error as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown };
  const status = typeof e?.status === 'number' ? e.status : e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500 || e.expose !== true) return null;
  return { statusCode: status, code: CODES[status] ?? 'bad_request', message: String(e.message ?? 'bad request') };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    let body: ErrorBody | null;

    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response) {
        body = { ...(response as ErrorBody) };
      } else {
        const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
        body = {
          statusCode: status,
          code: CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'),
          message: Array.isArray(message) ? message.join('; ') : String(message ?? error.message),
        };
      }
    } else if (error instanceof QueryFailedError) {
      body = fromDatabase(error.driverError as DriverError);
    } else if (error instanceof pg.DatabaseError) {
      body = fromDatabase(error); // raw pg (intake's connections)
    } else {
      body = fromHttpStack(error);
    }
    if (!body) {
      this.logger.error({ err: safeError(error), requestId: req.id }, 'unhandled error');
      body = { statusCode: 500, code: 'internal_error', message: 'Internal error; quote the request id to support' };
    } else if (body.statusCode >= 500) {
      // A deliberate 5xx (e.g. health's 503): its body stands.
      this.logger.warn({ requestId: req.id, statusCode: body.statusCode, code: body.code }, body.message);
    }
    body.requestId = req.id;
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}
