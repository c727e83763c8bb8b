import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { type ArgumentsHost, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, QueryFailedError } from 'typeorm';
import { ApiExceptionFilter } from '../../libs/core/src/http/exception.filter.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** What the filter answers for an error: status, body, and whether it logged an unhandled error. */
function answer(error: unknown) {
  const filter = new ApiExceptionFilter();
  const logged = jest.spyOn((filter as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ id: 'req-1' }) }) } as unknown as ArgumentsHost;
  filter.catch(error, host);
  return { ...sent, loggedUnhandled: logged.mock.calls.length > 0 };
}

describe('error answers and health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const pgError = (sql: string, params: unknown[]) =>
    t.app
      .get(DataSource)
      .query(sql, params)
      .then(
        () => null,
        (e: unknown) => e,
      );

  it('answers 400 for text PostgreSQL cannot store: a NUL byte (22021) or \\u0000 in JSON (22P05)', async () => {
    for (const [code, sql, value] of [
      ['22021', 'SELECT $1::text', 'a\u0000b'],
      ['22P05', 'SELECT $1::jsonb', '{"a":"\\u0000"}'],
    ] as const) {
      const error = await pgError(sql, [value]);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(code);
      expect(answer(error)).toMatchObject({
        status: 400,
        body: { statusCode: 400, code: 'validation_failed', requestId: 'req-1' },
        loggedUnhandled: false,
      });
    }
  });

  it('keeps a deliberate 5xx with its body, and turns anything unexpected into a logged 500', () => {
    const unavailable = answer(
      new ServiceUnavailableException({ statusCode: 503, code: 'service_unavailable', message: 'down', database: { status: 'up' } }),
    );
    expect(unavailable).toMatchObject({
      status: 503,
      body: { code: 'service_unavailable', database: { status: 'up' } },
      loggedUnhandled: false,
    });
    expect(answer(new ServiceUnavailableException('maintenance'))).toMatchObject({
      status: 503,
      body: { code: 'service_unavailable', message: 'maintenance' },
      loggedUnhandled: false,
    });
    const crash = answer(new TypeError('x is undefined'));
    expect(crash).toMatchObject({ status: 500, body: { code: 'internal_error', requestId: 'req-1' }, loggedUnhandled: true });
    expect(JSON.stringify(crash.body)).not.toContain('x is undefined');
  });

  it('health answers 503 naming which backend is down, with the same fields as a healthy answer', async () => {
    await t.http.get('/api/health').expect(200);
    await t.app.get<Queue>(getQueueToken('payouts')).close();
    const res = await t.http.get('/api/health').expect(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'service_unavailable', status: 'degraded', database: { status: 'up' } });
    expect(res.body.queue.status).toMatch(/^down: /);
    expect(res.body.message).toContain('queue down');
  });
});
