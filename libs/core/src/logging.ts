import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from './config/config.js';

/**
 * Structured JSON logs (pino) that never hold a secret, whatever fails:
 * - errors are serialized by `safeError` (a failed query's parameters and row details never);
 * - field names that hold secrets are redacted wherever a log object has them;
 * - each line is scrubbed of the configured secrets and of anything shaped like a password
 *   hash or a token, in case one reached a message some other way.
 * Every request gets an id (X-Request-Id in and out) that its log lines and errors carry.
 */

const requestIds = new AsyncLocalStorage<string>();

const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'password_hash',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'totpSecret',
  'totp_secret',
  'apiKey',
  'authorization',
  'cookie',
];
/** Those fields at the top of a log object and one or two levels down. */
const REDACT_PATHS = ['', '*.', '*.*.'].flatMap((prefix) => SECRET_FIELDS.map((f) => `${prefix}${f}`));

/** Shapes of secrets: argon2 and bcrypt hashes, JWTs, bearer credentials. */
const SECRET_SHAPES = [
  /\$argon2(?:id|i|d)\$[^\s"'\\]+/g,
  /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g,
  /\beyJ[\w-]*\.[\w-]+\.[\w-]+/g,
  /\b(Bearer|Basic)\s+[\w~+/.=-]+/gi,
];

/** SQLSTATE classes whose messages quote the offending value (data exceptions, integrity violations). */
const VALUE_QUOTING_SQLSTATE = /^(22|23)/;

interface DatabaseErrorLike {
  code: string;
  message?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

const isDatabaseError = (e: unknown): e is DatabaseErrorLike =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { code?: unknown }).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((e as { code: string }).code);

/** A PostgreSQL error without the values it may quote: code, constraint, table, column and the message with quoted parts masked. */
export function safeDatabaseError(e: DatabaseErrorLike): Record<string, unknown> {
  const message = e.message ?? '';
  return {
    code: e.code,
    message: VALUE_QUOTING_SQLSTATE.test(e.code) ? message.replace(/"[\s\S]*"/, '"…"') : message,
    ...(e.constraint ? { constraint: e.constraint } : {}),
    ...(e.table ? { table: e.table } : {}),
    ...(e.column ? { column: e.column } : {}),
  };
}

/** The SQL text of a query (never its parameters), shortened. */
export const sqlText = (query: unknown) => (typeof query === 'string' ? query.replace(/\s+/g, ' ').slice(0, 500) : undefined);

/**
 * An error as it may be logged: type, message and stack, plus the safe parts of a database
 * error. Never the enumerable extras (TypeORM's `parameters`, pg's `detail` with the failing row).
 */
export function safeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return isDatabaseError(e) ? safeDatabaseError(e) : { message: String(e).slice(0, 500) };
  const driver = (e as { driverError?: unknown }).driverError;
  if (isDatabaseError(driver) || isDatabaseError(e)) {
    return {
      type: e.name,
      ...safeDatabaseError(isDatabaseError(driver) ? driver : (e as unknown as DatabaseErrorLike)),
      query: sqlText((e as { query?: unknown }).query),
    };
  }
  const cause = (e as { cause?: unknown }).cause;
  return {
    type: e.name,
    message: e.message,
    stack: e.stack,
    ...(cause !== undefined && depth < 3 ? { cause: safeError(cause, depth + 1) } : {}),
  };
}

/** Replaces the secrets (given and shaped) in one log line. */
export function scrubber(secrets: string[]): (line: string) => string {
  const literals = secrets
    .filter((s) => s.length >= 8)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .filter((s, i, all) => all.indexOf(s) === i);
  return (line) => {
    let out = line;
    for (const s of literals) if (out.includes(s)) out = out.split(s).join('[redacted]');
    for (const shape of SECRET_SHAPES) out = out.replace(shape, '[redacted]');
    return out;
  };
}

/** The process's pino logger; `destination` defaults to stdout (tests capture it). */
export function createLogger(config: AppConfig, app: string, destination?: DestinationStream): Logger {
  const scrub = scrubber([config.jwtSecret, config.intakeApiKey, config.adminPassword, config.secondFactorKey.toString('base64')]);
  return pino(
    {
      level: config.logLevel,
      base: { app },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
      mixin: () => {
        const requestId = requestIds.getStore();
        return requestId ? { requestId } : {};
      },
      hooks: { streamWrite: scrub },
    },
    destination ?? pino.destination(1),
  );
}

/** Nest's logger interface over pino: `logger.log({ fields }, 'message')` and Nest's own `(message, context)` calls. */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]) {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest appends the logger's context as the last argument.
    const rest = params.length > 0 ? params.slice(0, -1) : [];
    const fields: Record<string, unknown> =
      params.length > 0 && typeof params[params.length - 1] === 'string' ? { context: params[params.length - 1] } : {};
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n    at ')) {
      // Nest's (message, stack, context) form.
      this.pino.error({ ...fields, err: { message: String(message), stack: rest[0] } });
      return;
    } else rest.unshift(message);
    const text = rest.filter((r) => typeof r === 'string').join(' ');
    this.pino[level](fields, text || undefined);
  }
}

/**
 * Request ids and the request log: one line per answer (method, path without the query
 * string, status, time), never headers or bodies. Health checks are not logged.
 */
export function httpLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
  }) as unknown as RequestHandler;
}

/** Runs the rest of the request with its id in scope, so every log line it causes carries it. */
export function requestScope(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => requestIds.run(String((req as Request & { id?: unknown }).id ?? ''), next);
}
