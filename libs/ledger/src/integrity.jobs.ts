import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { badInput } from '../../core/src/http/errors.js';
import { JobHandler } from '../../core/src/queue/job-handler.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { INTEGRITY_SCHEDULE, INTEGRITY_SCHEDULER_ID, RUN_KEY, dueAt, scheduledRunKey } from './integrity-schedule.js';
import { IntegrityRunsService } from './integrity-runs.service.js';

export interface IntegrityJobData {
  /** The run key; absent for the scheduled job (the day it was due names it). */
  key?: string;
}

export interface IntegrityJobResult {
  runId: string;
  runKey: string;
  ok: boolean;
  failed: string[];
  /** False when the key had already run: the stored run, nothing written. */
  created: boolean;
}

/** The job id of the checks for `key` (e.g. a day's `daily:2026-12-03`): asking twice queues one job. */
export const integrityJobId = (key: string) => jobId(JOBS.ledgerIntegrity.name, key);

/** Registers (or updates) the daily schedule on the ledger queue. */
export async function registerIntegritySchedule(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(INTEGRITY_SCHEDULER_ID, { ...INTEGRITY_SCHEDULE }, { name: JOBS.ledgerIntegrity.name });
}

/** The worker's side of the integrity checks. */
@Injectable()
export class IntegrityJobs {
  private readonly logger = new Logger('ledger-integrity');

  constructor(private readonly runs: IntegrityRunsService) {}

  @JobHandler('ledgerIntegrity')
  async ledgerIntegrity(
    job: Pick<Job<IntegrityJobData | undefined>, 'data' | 'opts' | 'timestamp' | 'delay'>,
  ): Promise<IntegrityJobResult> {
    const given = job.data?.key;
    if (given !== undefined && (typeof given !== 'string' || !RUN_KEY.test(given)))
      throw badInput(`job data key must match ${RUN_KEY} (got ${JSON.stringify(given)})`);
    const key = given ?? scheduledRunKey(dueAt(job));
    const { run, created } = await this.runs.runOnce(key, 'schedule', null);
    const failed = run.checks.filter((c) => !c.ok).map((c) => c.check);
    if (!run.ok) this.logger.warn({ key, failed }, 'ledger integrity check failed');
    return { runId: run.id, runKey: run.runKey, ok: run.ok, failed, created };
  }
}

/** Registers the daily schedule when the worker starts (the api never does). */
@Injectable()
export class IntegritySchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue('ledger') private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await registerIntegritySchedule(this.queue);
  }
}
