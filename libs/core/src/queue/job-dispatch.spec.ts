import { describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { JobHandler } from './job-handler.js';
import { JobHandlerRegistry } from './job-dispatch.js';
import { JOBS, jobId, type JobKey } from './registry.js';

const ALL = Object.keys(JOBS) as JobKey[];

function handlersFor(keys: JobKey[]) {
  @Injectable()
  class Handlers {}
  for (const key of keys) {
    const method = `handle_${key}`;
    Object.defineProperty(Handlers.prototype, method, { value: async () => key, writable: true });
    JobHandler(key)(Handlers.prototype, method, Object.getOwnPropertyDescriptor(Handlers.prototype, method)!);
  }
  return Handlers;
}

async function boot(...providers: ReturnType<typeof handlersFor>[]) {
  @Module({ imports: [DiscoveryModule], providers: [JobHandlerRegistry, ...providers] })
  class M {}
  const app = await NestFactory.createApplicationContext(M, { logger: false, abortOnError: false });
  await app.init();
  return app;
}

describe('job registry check at worker boot', () => {
  it('starts when every job has exactly one handler', async () => {
    const app = await boot(handlersFor(ALL));
    const handler = app.get(JobHandlerRegistry).handlerFor(JOBS.payoutRun.queue, JOBS.payoutRun.name);
    expect(await handler({} as never)).toBe('payoutRun');
    await app.close();
  });

  it('refuses to start when a job has no handler', async () => {
    await expect(boot(handlersFor(ALL.filter((k) => k !== 'payoutShard')))).rejects.toThrow(/"payout-shard" has no handler/);
  });

  it('refuses to start when a job has two handlers', async () => {
    await expect(boot(handlersFor(ALL), handlersFor(['honorLegacyReferrals']))).rejects.toThrow(/"honor-legacy-referrals" has 2 handlers/);
  });

  it('job ids are deterministic, without ":" and never all digits', () => {
    expect(jobId('payout', '2026-10')).toBe('payout_2026-10');
    expect(jobId('a:b', 1)).toBe('a-b_1');
    expect(() => jobId(2026, 10)).not.toThrow();
    expect(() => jobId(202610)).toThrow(/all digits/);
  });
});
