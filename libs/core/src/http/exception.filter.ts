import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

const CODES: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

interface Body {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** Maps database errors a client can cause to 4xx; null for the rest (a logged 500). */
function fromDatabase(error: QueryFailedError): Body | null {
  const driver = error.driverError as { code?: string; detail?: string; constraint?: string };
  switch (driver.code) {
    case '23505':
      return { statusCode: 409, code: 'conflict', message: driver.detail ?? 'duplicate', details: { constraint: driver.constraint } };
    case '40001':
    case '40P01':
    case '55P03':
      return { statusCode: 409, code: 'conflict', message: 'a concurrent change won; reload and try again' };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22021': // a NUL byte (or bad encoding) in text
    case '22P05': // \u0000 in json(b)
      return { statusCode: 400, code: 'validation_failed', message: error.message };
    default:
      return null;
  }
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    let body: Body | null = null;

    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response) {
        body = response as Body;
      } else {
        const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
        body = {
          statusCode: status,
          code: CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'),
          message: Array.isArray(message) ? message.join('; ') : String(message ?? error.message),
        };
      }
    } else if (error instanceof QueryFailedError) {
      body = fromDatabase(error);
    }
    if (!body) {
      this.logger.error({ err: error, requestId: req.id }, 'unhandled error');
      body = { statusCode: 500, code: 'internal_error', message: 'Internal error; quote the request id to support' };
    } else if (body.statusCode >= 500) {
      // A deliberate 5xx (e.g. health's 503): its body stands.
      this.logger.warn({ requestId: req.id, statusCode: body.statusCode, code: body.code }, body.message);
    }
    body.requestId = req.id;
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}
