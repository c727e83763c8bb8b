import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { PayoutRunJobs } from '../../libs/payouts/src/payout-run.jobs.js';
import { periodBefore } from '../../libs/core/src/period/period.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('monthly payout scheduler', () => {
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await t.startWorker();
  });
  afterAll(() => t.close());

  it('is registered for 02:00 UTC on the 2nd of each month', async () => {
    const queue = worker.get<Queue>(getQueueToken('payouts'));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'payout-monthly', pattern: '0 2 2 * *', tz: 'UTC' })]),
    );
  });

  it("starts the previous month's run once, whatever the number of firings", async () => {
    const jobs = worker.get(PayoutRunJobs);
    expect(await jobs.monthly()).toBe(`started ${periodBefore()}`);
    expect(await jobs.monthly()).toBe(`a ${periodBefore()} run exists`);
    const { rows } = await t.db.pool.query(`SELECT period, started_by FROM payout_runs`);
    expect(rows).toEqual([{ period: periodBefore(), started_by: null }]);
  });
});
