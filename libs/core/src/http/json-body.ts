import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/internal.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { parse as parseContentType } from 'content-type';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { BODY_LIMITS_KEY, DEFAULT_BODY_LIMITS, QUERY_JSON_LIMITS, type BodyLimits } from './body-limits.js';
import { ApiError, badInput } from './errors.js';
import { FORBIDDEN_KEYS, JsonGuard, JsonShapeError, checkJsonText } from './json-guard.js';

/** How one route takes its body. */
export interface RouteBody {
  method: string;
  path: RegExp;
  limits: BodyLimits;
  /** False for routes without a `@Body()` (actions like approve): at most `{}` is accepted. */
  takesBody: boolean;
}

/**
 * What a refused body may still send is read and dropped up to this many bytes (so the client
 * reads its 413/400 rather than a reset connection); past it the connection is closed, so
 * 10 MB of hostile bytes cost the api no more than this.
 */
const DRAIN_LIMIT_BYTES = 1024 * 1024;
const CLOSE_GRACE_MS = 1000;
const FORBIDDEN = new Set(FORBIDDEN_KEYS);

const unsupported = (message: string) => new ApiError(415, 'unsupported_media_type', message);
const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `the body is larger than this route accepts (${limit.toLocaleString('en-US')} bytes)`, {
    maxBytes: limit,
  });

/** A Nest path (`/payout-runs/:id/mark-paid`, `{*slug}`) as Express matches it: any case, optional trailing slash. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : /^\{\*\w+\}$/.test(part) ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}

/** Every route's body rules, from the controllers' metadata (call after NestFactory.create, before init). */
export function routeBodies(app: INestApplicationContext, prefix: string): RouteBody[] {
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: (RouteBody & { static: boolean })[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const cls = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
    if (!cls) continue;
    const base = (Reflect.getMetadata(PATH_METADATA, cls) as string | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(cls.prototype)) {
      const fn = (cls.prototype as Record<string, object>)[name];
      const path = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
      if (path === undefined) continue;
      const full = `/${[prefix, base, path]
        .map((p) => p.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) as object | undefined) ?? {});
      const reads = (t: RouteParamtypes) => args.some((k) => k.startsWith(`${t}:`));
      routes.push({
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number],
        path: pathPattern(full),
        limits: reflector.getAllAndOverride<BodyLimits | undefined>(BODY_LIMITS_KEY, [fn as never, cls]) ?? DEFAULT_BODY_LIMITS,
        takesBody: reads(RouteParamtypes.BODY) || reads(RouteParamtypes.REQUEST) || reads(RouteParamtypes.RAW_BODY),
        static: !full.includes(':') && !full.includes('{'),
      });
    }
  }
  // Literal paths before parameterised ones, as a router would prefer them.
  return routes.sort((a, b) => Number(b.static) - Number(a.static));
}

/** A refused shape as a 400 naming the field (`filter.__proto__`), or the body/parameter as a whole. */
function shapeProblem(e: JsonShapeError, parameter?: string) {
  const field = [parameter, e.path].filter(Boolean).join(e.path.startsWith('[') ? '' : '.') || 'body';
  return badInput(`${field} ${e.message}`, [{ field, message: e.message }]);
}

/** Query-string names must not be prototype keys; JSON-valued ones (filter, sort, range) are bounded like bodies. */
function checkQuery(req: Request): void {
  const query = req.query as Record<string, unknown>;
  for (const name of Object.keys(query)) {
    if (FORBIDDEN.has(name)) throw badInput(`the query parameter "${name}" is not allowed`, [{ field: name, message: 'is not allowed' }]);
    for (const value of ([] as unknown[]).concat(query[name])) {
      if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) continue;
      try {
        checkJsonText(value, QUERY_JSON_LIMITS);
      } catch (e) {
        if (e instanceof JsonShapeError) throw shapeProblem(e, name);
        throw e;
      }
    }
  }
}

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';

/** The declared media type, charset and encoding must be JSON in UTF-8, uncompressed: anything else is a 415. */
function checkMediaType(req: Request): void {
  const header = req.headers['content-type'];
  if (!header) throw unsupported('a request body needs Content-Type: application/json');
  const parsed = parseContentType(header); // lenient: a malformed header yields a type or parameters refused below
  if (parsed.type !== 'application/json') throw unsupported(`this API takes application/json bodies, not ${parsed.type.slice(0, 100)}`);
  const unknown = Object.keys(parsed.parameters).filter((p) => p !== 'charset');
  if (unknown.length) throw unsupported('application/json takes no parameter but charset=utf-8');
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw unsupported(`JSON bodies must be UTF-8, not ${charset}`);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw unsupported(`compressed bodies (Content-Encoding: ${encoding}) are not accepted`);
}

function parse(bytes: Buffer, route: RouteBody | undefined, limits: BodyLimits): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput('the body is not valid UTF-8');
  }
  if (!text.trim()) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badInput('the body is not valid JSON');
  }
  const isArray = Array.isArray(body);
  if (limits.root === 'array' ? !isArray : isArray || body === null || typeof body !== 'object') {
    throw badInput(`the body must be a JSON ${limits.root}`, [{ field: 'body', message: `must be a JSON ${limits.root}` }]);
  }
  if (route && !route.takesBody && Object.keys(body as object).length > 0) {
    throw badInput('this route takes no body (send none, or {})', [{ field: 'body', message: 'must be empty' }]);
  }
  return body;
}

/**
 * The api's only body parser. Per route (see `@BodyLimit`): the declared length is checked
 * before reading, then every chunk is counted and scanned as it arrives (JsonGuard), and a
 * refusal answers at once, without waiting for or parsing the rest. Non-JSON bodies are a
 * 415 on every route, including those that take no body.
 */
export function jsonBodyParser(routes: RouteBody[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const route = routes.find((r) => r.method === req.method && r.path.test(req.path));
    const limits = route?.limits ?? DEFAULT_BODY_LIMITS;
    try {
      checkQuery(req);
      if (!hasBody(req)) return next();
      checkMediaType(req);
      if (Number(req.headers['content-length'] ?? 0) > limits.bytes) throw tooLarge(limits.bytes);
    } catch (e) {
      return refuse(req, e, next);
    }
    const guard = new JsonGuard(limits);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: unknown, body?: unknown) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) return refuse(req, error, next);
      req.body = body;
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.bytes) return finish(tooLarge(limits.bytes));
      try {
        guard.feed(chunk);
      } catch (e) {
        return finish(e instanceof JsonShapeError ? shapeProblem(e) : e);
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      try {
        finish(null, parse(Buffer.concat(chunks, size), route, limits));
      } catch (e) {
        finish(e);
      }
    });
    req.once('error', () => finish(badInput('the body could not be read')));
  };
}

/** Answers the refusal; what the client still sends is discarded unread, up to a bound. */
function refuse(req: Request, error: unknown, next: NextFunction): void {
  let drained = 0;
  const drop = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained <= DRAIN_LIMIT_BYTES) return;
    // Stop reading and close our side (FIN, not a reset that could discard the answer unread);
    // a client that never closes its side loses the connection a moment later.
    req.off('data', drop);
    req.pause();
    req.socket.end();
    setTimeout(() => req.socket.destroy(), CLOSE_GRACE_MS).unref();
  };
  req.on('data', drop);
  req.resume();
  next(error);
}
