import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { FlowProducer, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { one, rows } from '../../core/src/database/sql.js';
import { ApiError, conflict, notFound, ruleViolation } from '../../core/src/http/errors.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { EarningsParametersService } from './earnings-parameters.service.js';
import type { PayoutStateChangeDto } from './payouts.dto.js';
import { PayoutResultsRepository } from './payout-results.repository.js';

export interface RunJobData {
  runId: string;
  attempt: number;
  shard?: number;
}

/** The current UTC month: runs are only for closed months before it. */
export function currentPeriod(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function previousPeriod(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The payout run's lifecycle: queued → running → computed → approved → paid (or failed, retryable). */
@Injectable()
export class PayoutRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly parameters: EarningsParametersService,
    private readonly results: PayoutResultsRepository,
    @InjectQueue('payouts') private readonly queue: Queue,
    @InjectFlowProducer('flows') readonly flows: FlowProducer,
  ) {}

  /**
   * Queues the run for a closed period. A computed or failed run of the period is replaced
   * (a new attempt); an approved one is read-only (409), a running one too. A run still
   * queued is enqueued again: the job id is the same, so nothing is added twice.
   */
  async start(actor: Actor | null, period: string) {
    if (period >= currentPeriod()) {
      throw ruleViolation('period_not_closed', `period ${period} is not closed yet: runs are for months before ${currentPeriod()}`);
    }
    const run = await this.dataSource.transaction(async (m) => {
      const { version, params } = await this.parameters.current(m);
      const existing = await one<{ id: string; status: string; attempt: number }>(
        m,
        `SELECT id, status, attempt FROM payout_runs WHERE period = $1 FOR UPDATE`,
        [period],
      );
      if (existing && ['approved', 'paid'].includes(existing.status)) {
        throw conflict(`the ${period} run is ${existing.status} and read-only; it cannot be recomputed`);
      }
      if (existing?.status === 'running') throw conflict(`the ${period} run is already running`);
      if (existing?.status === 'queued') return existing;
      const started = (await one<{ id: string; attempt: number }>(
        m,
        `INSERT INTO payout_runs (period, status, attempt, params, params_version, started_by, queued_at)
         VALUES ($1, 'queued', 1, $2, $3, $4, now())
         ON CONFLICT (period) DO UPDATE SET status = 'queued', attempt = payout_runs.attempt + 1, progress = 0,
           params = EXCLUDED.params, params_version = EXCLUDED.params_version, started_by = EXCLUDED.started_by,
           queued_at = now(), started_at = NULL, computed_at = NULL, error = NULL, pool_micros = NULL, allocated_micros = NULL,
           unallocated_micros = NULL, referral_micros = NULL, member_count = NULL, pair_count = NULL
         RETURNING id, attempt`,
        [period, params, version, actor?.id ?? null],
      ))!;
      await m.query(`DELETE FROM statements WHERE run_id = $1`, [started.id]);
      await m.query(`DELETE FROM story_earnings WHERE run_id = $1`, [started.id]);
      await this.audit.record(m, actor, {
        action: existing ? 'payout-run.recompute' : 'payout-run.start',
        entityType: 'payout-run',
        entityId: started.id,
        before: existing ?? null,
        after: { period, attempt: started.attempt, paramsVersion: version },
      });
      return started;
    });
    // After commit, so that the worker finds the attempt.
    await this.queue.add(JOBS.payoutRun.name, { runId: run.id, attempt: run.attempt } satisfies RunJobData, {
      jobId: jobId('payout-run', run.id, run.attempt),
      attempts: 2,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 86400 },
    });
    return this.results.getRun(run.id);
  }

  /** Four eyes: finance approves a computed run that someone else started. */
  async approve(actor: Actor, id: string) {
    await this.dataSource.transaction(async (m) => {
      const run = await one<{ status: string; started_by: string | null; period: string }>(
        m,
        `SELECT status, started_by, period FROM payout_runs WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!run) throw notFound('payout run', id);
      if (run.status !== 'computed') throw conflict(`the run is ${run.status}; only a computed run can be approved`);
      if (run.started_by === actor.id) {
        throw ruleViolation('four_eyes', 'a run must be approved by someone other than the person who started it');
      }
      await m.query(`UPDATE payout_runs SET status = 'approved', approved_by = $2, approved_at = now() WHERE id = $1`, [id, actor.id]);
      const [{ payable }] = await rows<{ payable: number }>(
        m,
        `WITH p AS (UPDATE statements SET payout_state = 'pending', payout_state_at = now()
                    WHERE run_id = $1 AND status = 'payable' AND payout_cents > 0 RETURNING 1)
         SELECT count(*)::int AS payable FROM p`,
        [id],
      );
      // The failed payouts this run's openings took back are now back in a balance, once.
      await m.query(
        `UPDATE statements SET returned_by_run_id = $1
         WHERE id IN (SELECT unnest(returned_statement_ids) FROM statements WHERE run_id = $1) AND returned_by_run_id IS NULL`,
        [id],
      );
      await this.audit.record(m, actor, {
        action: 'payout-run.approve',
        entityType: 'payout-run',
        entityId: id,
        before: { status: 'computed' },
        after: { status: 'approved', payouts: payable },
      });
    });
    return this.results.getRun(id);
  }

  /**
   * Records the outcome of the transfers: every pending payout becomes `transferred` unless
   * listed with another state. May be called again on a paid run to record later changes
   * (a failed or reversed payout returns to the author's balance in the next run).
   */
  async markPaid(actor: Actor, id: string, changes: PayoutStateChangeDto[] = []) {
    await this.dataSource.transaction(async (m) => {
      const run = await one<{ status: string }>(m, `SELECT status FROM payout_runs WHERE id = $1 FOR UPDATE`, [id]);
      if (!run) throw notFound('payout run', id);
      if (!['approved', 'paid'].includes(run.status)) throw conflict(`the run is ${run.status}; only an approved run can be marked paid`);
      const changed = await rows<{ id: string; before: string; after: string }>(
        m,
        `WITH wanted AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS w("statementId" uuid, state text)),
              target AS (
                SELECT sm.id, sm.payout_state AS before,
                       coalesce(w.state, CASE WHEN sm.payout_state = 'pending' THEN 'transferred' END) AS after
                FROM statements sm LEFT JOIN wanted w ON w."statementId" = sm.id
                WHERE sm.run_id = $1 AND sm.payout_state IS NOT NULL
              )
         UPDATE statements sm SET payout_state = t.after, payout_state_at = now()
         FROM target t WHERE t.id = sm.id AND t.after IS NOT NULL AND t.after IS DISTINCT FROM t.before
         RETURNING sm.id, t.before, t.after`,
        [id, JSON.stringify(changes)],
      );
      const known = await rows<{ id: string }>(m, `SELECT id FROM statements WHERE run_id = $1 AND payout_state IS NOT NULL AND id = ANY($2::uuid[])`, [
        id,
        changes.map((c) => c.statementId),
      ]);
      const unknown = changes.filter((c) => !known.some((k) => k.id === c.statementId));
      if (unknown.length) {
        throw new ApiError(422, 'rule_violation', `not payouts of this run: ${unknown.map((u) => u.statementId).join(', ')}`, {
          rule: 'payout_of_run',
        });
      }
      await m.query(`UPDATE payout_runs SET status = 'paid', paid_by = coalesce(paid_by, $2), paid_at = coalesce(paid_at, now()) WHERE id = $1`, [
        id,
        actor.id,
      ]);
      await this.audit.record(m, actor, {
        action: 'payout-run.mark-paid',
        entityType: 'payout-run',
        entityId: id,
        before: { status: run.status },
        after: { status: 'paid', changes: changed },
      });
    });
    return this.results.getRun(id);
  }
}
