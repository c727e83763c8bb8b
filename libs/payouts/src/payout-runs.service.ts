import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { one, rows } from '../../core/src/database/sql.js';
import { ApiError, badInput, conflict, notFound, ruleViolation } from '../../core/src/http/errors.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { EarningsParametersService } from './earnings-parameters.service.js';
import type { PayoutStateChangeDto } from './payouts.dto.js';
import { PayoutResultsRepository } from './payout-results.repository.js';
import { PayoutRunRepository } from './run/payout-run.repository.js';

/** Which payout states may follow which (a payout a later run took back changes no more). */
const PAYOUT_TRANSITIONS: Record<string, string[]> = {
  pending: ['transferred', 'failed', 'on_hold', 'forfeited'],
  on_hold: ['pending', 'transferred', 'failed', 'forfeited'],
  transferred: ['failed', 'reversed'], // a bounce after the transfer was reported
  failed: ['transferred'],
  reversed: [],
  forfeited: [],
};

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
    private readonly repo: PayoutRunRepository,
    @InjectQueue('payouts') private readonly queue: Queue,
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
      const stuck = existing && ['queued', 'running'].includes(existing.status) && (await this.jobsGone(existing.id, existing.attempt));
      if (existing?.status === 'running' && !stuck) throw conflict(`the ${period} run is already running`);
      if (existing?.status === 'queued' && !stuck) return existing;
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

  /**
   * True when no job will move the attempt on: its prepare job is missing or failed, or its
   * finalize job failed (e.g. stalled too often while the worker kept dying).
   */
  private async jobsGone(runId: string, attempt: number): Promise<boolean> {
    const prepare = await this.queue.getJob(jobId('payout-run', runId, attempt));
    const state = prepare ? await prepare.getState() : 'missing';
    if (state === 'missing' || state === 'failed') return true;
    if (state !== 'completed') return false;
    const finalize = await this.queue.getJob(jobId('payout-finalize', runId, attempt));
    return !finalize || (await finalize.getState()) === 'failed';
  }

  /** The scheduler's start: the period's run unless one exists. */
  async startIfAbsent(period: string): Promise<boolean> {
    const existing = await one(this.dataSource, `SELECT 1 FROM payout_runs WHERE period = $1`, [period]);
    if (existing) return false;
    await this.start(null, period);
    return true;
  }

  /** Four eyes: finance approves a computed run that someone else started, if it is still current. */
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
      const stale = await this.repo.staleness(m, id, run.period);
      if (stale.length) {
        throw new ApiError(409, 'conflict', `the run is out of date (${stale.join('; ')}): recompute it, then approve`, { rule: 'stale_run', reasons: stale });
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
   * (a failed or reversed payout returns to the author's balance in the next run). Only
   * real transitions are allowed, and a payout a later run has taken back is final.
   */
  async markPaid(actor: Actor, id: string, changes: PayoutStateChangeDto[] = []) {
    const ids = changes.map((c) => c.statementId);
    const dup = ids.find((x, i) => ids.indexOf(x) !== i);
    if (dup) throw badInput(`statement ${dup} is listed twice`, [{ field: 'payouts', message: `duplicate statementId ${dup}` }]);
    await this.dataSource.transaction(async (m) => {
      const run = await one<{ status: string }>(m, `SELECT status FROM payout_runs WHERE id = $1 FOR UPDATE`, [id]);
      if (!run) throw notFound('payout run', id);
      if (!['approved', 'paid'].includes(run.status)) throw conflict(`the run is ${run.status}; only an approved run can be marked paid`);
      const payouts = await rows<{ id: string; state: string; returned: boolean }>(
        m,
        `SELECT id, payout_state AS state, returned_by_run_id IS NOT NULL AS returned FROM statements
         WHERE run_id = $1 AND payout_state IS NOT NULL FOR UPDATE`,
        [id],
      );
      const byId = new Map(payouts.map((p) => [p.id, p]));
      const wanted = new Map(changes.map((c) => [c.statementId, c.state as string]));
      const refused: string[] = [];
      for (const c of changes) {
        const p = byId.get(c.statementId);
        if (!p) refused.push(`${c.statementId} is not a payout of this run`);
        else if (p.state !== c.state && (p.returned || !PAYOUT_TRANSITIONS[p.state]?.includes(c.state))) {
          refused.push(`${c.statementId}: ${p.state} → ${c.state}${p.returned ? ' (already returned to the balance by a later run)' : ''} is not allowed`);
        }
      }
      if (refused.length) throw ruleViolation('payout_state_transition', refused.join('; '), { refused });
      const changed = payouts
        .map((p) => ({ id: p.id, before: p.state, after: wanted.get(p.id) ?? (p.state === 'pending' ? 'transferred' : p.state) }))
        .filter((c) => c.after !== c.before);
      await m.query(
        `UPDATE statements sm SET payout_state = c.after, payout_state_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, after text) WHERE sm.id = c.id`,
        [JSON.stringify(changed)],
      );
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
