import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { FlowProducer, Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { one } from '../../core/src/database/sql.js';
import { JobHandler } from '../../core/src/queue/job-handler.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { ReferralCredits } from './referral-credits.port.js';
import { PayoutRunRepository, type RunRow } from './run/payout-run.repository.js';
import { PayoutRunsService, previousPeriod, type RunJobData } from './payout-runs.service.js';

const PREPARE_SHARE = 40; // progress after preparing; shards take it to 95, finalize to 100

/**
 * The payout run as jobs: prepare (steps 1–4, one job), then a flow of shard jobs (steps
 * 5–7 for a slice of members) under a finalize job (sums, statements, totals). Every job
 * belongs to one attempt of the run and does nothing for an older one; each replaces its
 * own output, so a retried or duplicated job gives the same result.
 */
@Injectable()
export class PayoutRunJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('payout-run');

  constructor(
    private readonly repo: PayoutRunRepository,
    private readonly runs: PayoutRunsService,
    private readonly referrals: ReferralCredits,
    private readonly dataSource: DataSource,
    @InjectQueue('payouts') private readonly queue: Queue,
    @InjectFlowProducer('flows') private readonly flows: FlowProducer,
  ) {}

  /** The monthly scheduler: 02:00 UTC on the 2nd, for the previous month. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('payout-monthly', { pattern: '0 2 2 * *', tz: 'UTC' }, { name: JOBS.payoutMonthly.name });
  }

  private async current(job: Job<RunJobData>): Promise<RunRow | null> {
    const run = await this.repo.findRun(job.data.runId);
    if (!run || run.attempt !== job.data.attempt || !['queued', 'running'].includes(run.status)) {
      this.logger.log({ job: job.id }, 'stale job of an older attempt or a finished run: nothing to do');
      return null;
    }
    return run;
  }

  /** On the last try of a job, the run fails with the error (and can be started again). */
  private async guard<T>(job: Job<RunJobData>, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.repo.markFailed(job.data.runId, job.data.attempt, `${job.name}: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  @JobHandler('payoutRun')
  async prepare(job: Job<RunJobData>): Promise<string> {
    return this.guard(job, async () => {
      const run = await this.current(job);
      if (!run || !(await this.repo.markRunning(run.id, run.attempt))) return 'stale';
      if (!(await this.isPrepared(run))) {
        await this.referrals.honor(run.period, run.params);
        await this.repo.prepare(run, (done, of) => this.repo.setProgress(run.id, run.attempt, Math.floor((PREPARE_SHARE * done) / of)));
        await this.dataSource.query(`UPDATE payout_runs SET prepared_attempt = attempt WHERE id = $1 AND attempt = $2`, [run.id, run.attempt]);
      }
      const data = (shard?: number): RunJobData => ({ runId: run.id, attempt: run.attempt, ...(shard === undefined ? {} : { shard }) });
      await this.flows.add({
        name: JOBS.payoutFinalize.name,
        queueName: JOBS.payoutFinalize.queue,
        data: data(),
        opts: { jobId: jobId('payout-finalize', run.id, run.attempt), attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
        children: Array.from({ length: run.params.shards }, (_, shard) => ({
          name: JOBS.payoutShard.name,
          queueName: JOBS.payoutShard.queue,
          data: data(shard),
          opts: {
            jobId: jobId('payout-shard', run.id, run.attempt, shard),
            attempts: 3,
            backoff: { type: 'exponential', delay: 2000 },
            failParentOnFailure: true,
          },
        })),
      });
      return 'prepared';
    });
  }

  private async isPrepared(run: RunRow): Promise<boolean> {
    const row = await one<{ ok: boolean }>(this.dataSource, `SELECT prepared_attempt = attempt AS ok FROM payout_runs WHERE id = $1`, [run.id]);
    return !!row?.ok;
  }

  @JobHandler('payoutShard')
  async shard(job: Job<RunJobData>): Promise<string> {
    return this.guard(job, async () => {
      const run = await this.current(job);
      if (!run) return 'stale';
      await this.repo.computeShard(run, job.data.shard!);
      const done = await this.repo.shardsDone(run);
      await this.repo.setProgress(run.id, run.attempt, PREPARE_SHARE + Math.floor(((95 - PREPARE_SHARE) * done) / run.params.shards));
      return `shard ${job.data.shard} done`;
    });
  }

  @JobHandler('payoutFinalize')
  async finalize(job: Job<RunJobData>): Promise<string> {
    return this.guard(job, async () => {
      const run = await this.current(job);
      if (!run) return 'stale';
      await this.repo.finalize(run);
      return 'computed';
    });
  }

  @JobHandler('payoutMonthly')
  async monthly(): Promise<string> {
    const period = previousPeriod();
    const existing = await one(this.dataSource, `SELECT 1 FROM payout_runs WHERE period = $1`, [period]);
    if (existing) return `a ${period} run exists`;
    await this.runs.start(null, period);
    return `started ${period}`;
  }
}
