import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { FlowProducer, Job, Queue } from 'bullmq';
import { JobHandler, OnJobFailed } from '../../core/src/queue/job-handler.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { LedgerService } from '../../ledger/src/index.js';
import { ReferralCredits } from './referral-credits.port.js';
import { PayoutRunRepository, type RunRow } from './run/payout-run.repository.js';
import { periodBefore } from '../../core/src/period/period.js';
import { isInProgressRun } from './payout-rules.js';
import { PayoutRunsService, type RunJobData } from './payout-runs.service.js';

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
    private readonly ledger: LedgerService,
    private readonly referrals: ReferralCredits,
    @InjectQueue('payouts') private readonly queue: Queue,
    @InjectFlowProducer('flows') private readonly flows: FlowProducer,
  ) {}

  /** The monthly scheduler: 02:00 UTC on the 2nd, for the previous month. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('payout-monthly', { pattern: '0 2 2 * *', tz: 'UTC' }, { name: JOBS.payoutMonthly.name });
  }

  private async current(job: Job<RunJobData>): Promise<RunRow | null> {
    const run = await this.repo.findRun(job.data.runId);
    if (!run || run.attempt !== job.data.attempt || !isInProgressRun(run.status)) {
      this.logger.log({ job: job.id }, 'stale job of an older attempt or a finished run: nothing to do');
      return null;
    }
    return run;
  }

  /** A job of the run failed for good (retries used up, or stalled too often): so does the run, with the error. */
  @OnJobFailed('payoutRun')
  async prepareFailed(job: Job<RunJobData>, error: Error): Promise<void> {
    await this.repo.markFailed(job.data.runId, job.data.attempt, `${job.name}: ${error.message}`);
  }

  @OnJobFailed('payoutShard')
  async shardFailed(job: Job<RunJobData>, error: Error): Promise<void> {
    await this.prepareFailed(job, error);
  }

  @OnJobFailed('payoutFinalize')
  async finalizeFailed(job: Job<RunJobData>, error: Error): Promise<void> {
    await this.prepareFailed(job, error);
  }

  @JobHandler('payoutRun')
  async prepare(job: Job<RunJobData>): Promise<string> {
    const run = await this.current(job);
    if (!run || !(await this.repo.markRunning(run.id, run.attempt))) return 'stale';
    // A retried prepare whose work tables are complete only adds the flow again (same job ids: nothing twice).
    if (!(await this.repo.isPrepared(run))) {
      await this.referrals.honor(run.period); // referral-legacy reads its own parameters
      await this.repo.prepare(run, (done, of) => this.repo.setProgress(run.id, run.attempt, Math.floor((PREPARE_SHARE * done) / of)));
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
  }

  @JobHandler('payoutShard')
  async shard(job: Job<RunJobData>): Promise<string> {
    const run = await this.current(job);
    if (!run) return 'stale';
    await this.repo.computeShard(run, job.data.shard!);
    const done = await this.repo.shardsDone(run);
    await this.repo.setProgress(run.id, run.attempt, PREPARE_SHARE + Math.floor(((95 - PREPARE_SHARE) * done) / run.params.shards));
    return `shard ${job.data.shard} done`;
  }

  @JobHandler('payoutFinalize')
  async finalize(job: Job<RunJobData>): Promise<string> {
    const run = await this.current(job);
    if (!run) return 'stale';
    await this.repo.finalize(run, (m) => this.ledger.stageApproval(m, run.id, run.attempt)); // the approval then only attaches them
    return 'computed';
  }

  @JobHandler('payoutMonthly')
  async monthly(): Promise<string> {
    const period = periodBefore();
    return (await this.runs.startIfAbsent(period)) ? `started ${period}` : `a ${period} run exists`;
  }
}
