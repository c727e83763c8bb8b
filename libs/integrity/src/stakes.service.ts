import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { badInput } from '../../core/src/http/errors.js';
import { micros, sum } from '../../core/src/money/money.js';
import { isPeriod } from '../../core/src/period/period.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { EarningsParametersService, ExclusionImpactRepository, runParameters } from '../../payouts/src/index.js';
import { StakesRepository } from './stakes.repository.js';

/** Gainers shown with a case besides its own authors. */
const SHOWN_GAINERS = 5;

export interface StakesResult {
  period: string;
  /** Cases whose money at stake was computed, and of those stored (not decided meanwhile). */
  cases: number;
  stored: number;
}

const checkPeriod = (period: string) => {
  if (!isPeriod(period))
    throw badInput(`period must be YYYY-MM (got ${JSON.stringify(period)})`, [{ field: 'period', message: 'must be YYYY-MM' }]);
};

/**
 * Money at stake (docs/integrity-signals.md): for each open case of a period, the change of
 * every author's story earnings with the case's pairs excluded, computed by payouts' engine
 * over the part of the month the exclusion can move, with the current earnings parameters
 * and the period's other live exclusions. Idempotent: a rerun stores the same figures.
 */
@Injectable()
export class StakesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: StakesRepository,
    private readonly impact: ExclusionImpactRepository,
    private readonly earnings: EarningsParametersService,
  ) {}

  async compute(period: string): Promise<StakesResult> {
    checkPeriod(period);
    const params = runParameters((await this.earnings.current(this.dataSource)).params);
    const impacts = await this.impact.impact(period, params, this.repo.groupsSql(period));
    let stored = 0;
    for (const impact of impacts) if (await this.dataSource.transaction((m) => this.repo.store(m, impact))) stored++;
    return { period, cases: impacts.length, stored };
  }

  /**
   * A case's before/after: per case author, earnings now → with the case excluded. "Now" is
   * the author's story earnings in the period's computed run; when that run already applied
   * this case's exclusion, its earnings are the "after" and "now" is after − change.
   */
  async forCase(db: DataSource | EntityManager, id: string) {
    const [run, rows] = await Promise.all([this.repo.run(db, id), this.repo.authors(db, id, SHOWN_GAINERS)]);
    const view = (r: (typeof rows)[number]) => {
      const delta = micros(r.deltaMicros);
      const inRun = r.runMicros === null ? null : micros(r.runMicros);
      const now = inRun === null ? null : run?.applied ? inRun - delta : inRun;
      return {
        authorId: r.authorId,
        authorName: r.authorName,
        deltaMicros: delta.toString(),
        nowMicros: now === null ? null : now.toString(),
        afterMicros: now === null ? null : (now + delta).toString(),
      };
    };
    const authors = rows.filter((r) => r.subject).map(view);
    return {
      run: run && { id: run.id, status: run.status, applied: run.applied },
      runNote: run ? null : 'no computed run for the period yet: the change only',
      authors,
      totalDeltaMicros: sum(authors.map((a) => micros(a.deltaMicros))).toString(),
      topGainers: rows.filter((r) => !r.subject).map(view),
    };
  }
}

/** The job id of a period's money at stake, and of the one queued while it runs. */
export const stakesJobIds = (period: string) => [
  jobId(JOBS.integrityStakes.name, period),
  jobId(JOBS.integrityStakes.name, period, 'again'),
];

/** Queues a period's money at stake (after detection and after each decision): one waiting job per period. */
@Injectable()
export class StakesQueue {
  constructor(@InjectQueue(JOBS.integrityStakes.queue) private readonly queue: Queue) {}

  async enqueue(period: string): Promise<{ period: string; jobId: string | null; queued: boolean }> {
    checkPeriod(period);
    const jobs = await Promise.all(stakesJobIds(period).map(async (id) => ({ id, job: await this.queue.getJob(id) })));
    const states = await Promise.all(jobs.map(async ({ id, job }) => ({ id, job, state: job ? await job.getState() : undefined })));
    // a waiting job will read the latest state; a running one may not: the second id follows it
    const waiting = states.find((s) => s.state === 'waiting' || s.state === 'delayed' || s.state === 'prioritized');
    if (waiting) return { period, jobId: waiting.id, queued: false };
    const free = states.find((s) => s.state !== 'active');
    if (!free) return { period, jobId: null, queued: false };
    if (free.job) await free.job.remove();
    await this.queue.add(JOBS.integrityStakes.name, { period }, { jobId: free.id, attempts: 2, removeOnFail: 100 });
    return { period, jobId: free.id, queued: true };
  }
}
