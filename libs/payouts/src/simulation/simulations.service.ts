import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Actor } from '../../../core/src/auth/access.decorators.js';
import { AuditService } from '../../../core/src/audit/audit.service.js';
import { badInput, notFound, ruleViolation } from '../../../core/src/http/errors.js';
import { TransactionScope } from '../../../core/src/idempotency/transaction-scope.js';
import { isPeriod } from '../../../core/src/period/period.js';
import { JOBS, jobId } from '../../../core/src/queue/registry.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import type { CreateSimulationDto } from './simulation.dto.js';
import { simulatedParameters } from './simulation-parameters.js';
import { SimulationRepository } from './simulation.repository.js';
import { SimulationRunner } from './simulation-runner.js';

/** What another module asks a simulation for (the library entry point). */
export interface SimulationRequest {
  period: string;
  /** Run parameters that differ from the period's run (omitted: the run's own). */
  params?: Partial<EarningsParameters>;
  /** Reader–story pairs (external ids) whose sessions and engagement the engine leaves out. */
  excludedPairs?: { memberId: string; storyId: string }[];
  /** Boosts the engine does not see. */
  withoutBoostIds?: string[];
  label?: string;
}

export interface SimulationJobData {
  simulationId: string;
}

/**
 * What-if runs: created by staff (queued as a job) or by another module (run at once), kept
 * until deleted. Creating and deleting one is a staff action, audited; no money moves.
 */
@Injectable()
export class SimulationsService {
  constructor(
    private readonly scope: TransactionScope,
    private readonly audit: AuditService,
    private readonly repo: SimulationRepository,
    private readonly runner: SimulationRunner,
    @InjectQueue(JOBS.simulation.queue) private readonly queue: Queue,
  ) {}

  /** POST /api/simulations: the simulation, queued. */
  async create(actor: Actor, dto: CreateSimulationDto): Promise<string> {
    const id = await this.record(actor, {
      period: dto.period,
      params: { ...dto.parameters } as Partial<EarningsParameters>,
      label: dto.label,
    });
    await this.scope.afterCommit(() => this.enqueue(id));
    return id;
  }

  /**
   * The library entry point: a simulation computed now, in this process (the caller waits);
   * its id once done. `actor`: the staff member whose action it serves (audited), if any.
   */
  async simulate(request: SimulationRequest, actor: Actor | null = null): Promise<string> {
    if (!isPeriod(request.period)) throw badInput(`bad period ${request.period}`, [{ field: 'period', message: 'must be YYYY-MM' }]);
    const id = await this.record(actor, request);
    try {
      await this.runner.execute(id);
    } catch (e) {
      await this.repo.markFailed(id, (e as Error).message);
      throw e;
    }
    return id;
  }

  /** As `simulate`, but a finished simulation of the same question (run parameters, these boosts left out) is reused. */
  async simulateOnce(request: { period: string; withoutBoostIds: string[]; label?: string }): Promise<string> {
    return (await this.repo.reusable(request.period, request.withoutBoostIds)) ?? this.simulate(request);
  }

  private async record(actor: Actor | null, request: SimulationRequest): Promise<string> {
    return this.scope.run(async (m) => {
      const run = await this.repo.finalRun(m, request.period);
      if (!run) throw ruleViolation('no_final_run', `period ${request.period} has no approved or paid run to simulate against`);
      const { params, changes } = simulatedParameters(run.params, request.params ?? {});
      const withoutBoostIds = [...new Set(request.withoutBoostIds ?? [])];
      const unknown = await this.repo.unknownBoosts(m, withoutBoostIds);
      if (unknown.length) throw badInput(`unknown boost ${unknown.join(', ')}`, [{ field: 'withoutBoostIds', message: 'unknown boost' }]);
      const excludedPairs = request.excludedPairs ?? [];
      const id = await this.repo.insert(m, {
        period: request.period,
        runId: run.id,
        params,
        changes,
        withoutBoostIds,
        excludedPairs,
        createdBy: actor?.id ?? null,
        label: request.label ?? null,
      });
      if (actor) {
        await this.audit.record(m, actor, {
          action: 'simulation.create',
          entityType: 'simulation',
          entityId: id,
          after: { period: request.period, runId: run.id, changes, withoutBoostIds, excludedPairs: excludedPairs.length },
        });
      }
      return id;
    });
  }

  private async enqueue(id: string): Promise<void> {
    await this.queue.add(JOBS.simulation.name, { simulationId: id } satisfies SimulationJobData, {
      jobId: jobId('simulation', id),
      attempts: 2,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 86400 },
    });
  }

  /** Deletes it and its results (a running job finds it gone and stops writing). */
  async delete(actor: Actor, id: string): Promise<void> {
    await this.scope.run(async (m) => {
      const before = await this.repo.lockForDelete(m, id);
      if (!before) throw notFound('simulation', id);
      await this.repo.delete(m, id);
      await this.audit.record(m, actor, { action: 'simulation.delete', entityType: 'simulation', entityId: id, before });
    });
  }
}
