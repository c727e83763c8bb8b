import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { ApiError, badInput, conflict, notFound, ruleViolation } from '../../core/src/http/errors.js';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import { periodOf } from '../../core/src/period/period.js';
import { JOBS, jobId } from '../../core/src/queue/registry.js';
import { LedgerService } from '../../ledger/src/index.js';
import { ApprovalWarningsReader } from './approval-warnings.js';
import { runParameters } from './earnings-parameters.js';
import { EarningsParametersService } from './earnings-parameters.service.js';
import { IntegrityActionsService } from './integrity-actions/integrity-actions.service.js';
import { defaultPayoutOutcome, fourEyesAllow, isFinalRun } from './payout-rules.js';
import { isReturnedState, PayoutTransitions, transitionRefusal, type PayoutChange } from './payout-transitions.js';
import type { PayoutStateChangeDto } from './payouts.dto.js';
import { PayoutResultsRepository } from './payout-results.repository.js';
import { PayoutRunsRepository, type RunHead } from './payout-runs.repository.js';
import { PayoutRunRepository } from './run/payout-run.repository.js';
import { PayoutMoneyLock } from './payout-money-lock.repository.js';

export interface RunJobData {
  runId: string;
  attempt: number;
  shard?: number;
}

/** Where the jobs of a run attempt stand: working (or due to), missing (never queued or lost), or failed for good. */
type JobsState = 'working' | 'missing' | 'failed';

/**
 * The payout run's lifecycle: queued → running → computed → approved → paid (or failed,
 * retryable). Every write is one transaction with its audit entry; a repeat of a state
 * change that is already done changes nothing and records nothing.
 */
@Injectable()
export class PayoutRunsService {
  constructor(
    private readonly scope: TransactionScope,
    private readonly audit: AuditService,
    private readonly parameters: EarningsParametersService,
    private readonly results: PayoutResultsRepository,
    private readonly runs: PayoutRunsRepository,
    private readonly computation: PayoutRunRepository,
    private readonly ledger: LedgerService,
    private readonly transitions: PayoutTransitions,
    private readonly integrity: IntegrityActionsService,
    private readonly warnings: ApprovalWarningsReader,
    private readonly moneyLock: PayoutMoneyLock,
    @InjectQueue('payouts') private readonly queue: Queue,
  ) {}

  /**
   * Queues the run for a closed period. A computed or failed run of the period is replaced
   * (a new attempt), and so is one whose jobs failed for good; an approved one is read-only
   * (409), a running one too. A run still queued stays the same attempt (its job is queued
   * again under the same id when it went missing), so repeated starts never bump it.
   */
  async start(actor: Actor | null, period: string) {
    const now = periodOf(new Date());
    if (period >= now) throw ruleViolation('period_not_closed', `period ${period} is not closed yet: runs are for months before ${now}`);
    const { run, enqueue } = await this.scope.run(async (m) => {
      await this.runs.lockPeriod(m, period);
      const existing = await this.runs.findByPeriodForUpdate(m, period);
      if (existing && isFinalRun(existing.status))
        throw conflict(`the ${period} run is ${existing.status} and read-only; it cannot be recomputed`);
      if (existing && (existing.status === 'queued' || existing.status === 'running')) {
        const jobs = await this.jobsState(existing);
        if (jobs === 'missing' && existing.status === 'queued') return { run: existing, enqueue: true };
        if (jobs === 'working' && existing.status === 'queued') return { run: existing, enqueue: false };
        if (jobs === 'working') throw conflict(`the ${period} run is already running`);
      }
      const { version, params } = await this.parameters.current(m);
      const started = await this.runs.queueAttempt(m, { period, params: runParameters(params), version, startedBy: actor?.id ?? null });
      await this.audit.record(m, actor, {
        action: existing ? 'payout-run.recompute' : 'payout-run.start',
        entityType: 'payout-run',
        entityId: started.id,
        before: existing ? { id: existing.id, status: existing.status, attempt: existing.attempt } : null,
        after: { period, attempt: started.attempt, paramsVersion: version },
      });
      return { run: started, enqueue: true };
    });
    // After commit, so that the worker finds the attempt (the same job id: never queued twice).
    if (enqueue) await this.scope.afterCommit(() => this.enqueue(run.id, run.attempt));
    return this.results.getRun(run.id, this.scope.db);
  }

  private async enqueue(runId: string, attempt: number): Promise<void> {
    await this.queue.add(JOBS.payoutRun.name, { runId, attempt } satisfies RunJobData, {
      jobId: jobId('payout-run', runId, attempt),
      attempts: 2,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 86400 },
    });
  }

  /** Missing: no prepare job; failed: it failed, or its finalize job did (e.g. stalled too often while the worker kept dying). */
  private async jobsState(run: RunHead): Promise<JobsState> {
    const prepare = await this.queue.getJob(jobId('payout-run', run.id, run.attempt));
    const state = prepare ? await prepare.getState() : 'missing';
    if (state === 'missing' || state === 'unknown') return 'missing';
    if (state === 'failed') return 'failed';
    if (state !== 'completed') return 'working';
    const finalize = await this.queue.getJob(jobId('payout-finalize', run.id, run.attempt));
    return !finalize || (await finalize.getState()) === 'failed' ? 'failed' : 'working';
  }

  /** The scheduler's start: the period's run unless one exists. */
  async startIfAbsent(period: string): Promise<boolean> {
    if (await this.runs.exists(period)) return false;
    await this.start(null, period);
    return true;
  }

  /** The run, with the warnings approving it would show now (computed runs only). */
  async show(id: string) {
    const run = await this.results.getRun(id, this.scope.db);
    const approvalWarnings =
      run.status === 'computed' ? await this.warnings.forRun(this.scope.db, { id, period: run.period as string }) : [];
    return { ...run, approvalWarnings };
  }

  /**
   * Four eyes: finance approves a computed run that someone else started, if it is still
   * current. The approval warnings are shown (in the answer and the audit entry), never a
   * reason to refuse.
   */
  async approve(actor: Actor, id: string) {
    const approvalWarnings = await this.scope.run(async (m) => {
      await this.moneyLock.take(m);
      const run = await this.runs.findForUpdate(m, id);
      if (!run) throw notFound('payout run', id);
      if (run.status !== 'computed') throw conflict(`the run is ${run.status}; only a computed run can be approved`);
      if (!fourEyesAllow(run.startedBy, actor.id)) {
        throw ruleViolation('four_eyes', 'a run must be approved by someone other than the person who started it');
      }
      const stale = await this.computation.staleness(m, id, run.period);
      if (stale.length) {
        throw new ApiError(409, 'conflict', `the run is out of date (${stale.join('; ')}): recompute it, then approve`, {
          rule: 'stale_run',
          reasons: stale,
        });
      }
      const warnings = await this.warnings.forRun(m, { id, period: run.period });
      const payouts = await this.runs.approve(m, id, actor.id);
      await this.ledger.postApproval(m, id); // the journal commits with the approval
      const held = await this.integrity.holdApproved(m, id); // payouts whose statements record an integrity hold
      await this.audit.record(m, actor, {
        action: 'payout-run.approve',
        entityType: 'payout-run',
        entityId: id,
        before: { status: 'computed' },
        after: { status: 'approved', payouts, held: held.payouts, ...(warnings.length ? { warnings } : {}) },
      });
      return warnings;
    });
    return { ...(await this.results.getRun(id, this.scope.db)), approvalWarnings };
  }

  /**
   * Records the outcome of the transfers: every pending payout becomes `transferred` unless
   * listed with another state. May be called again on a paid run to record later changes
   * (a failed or reversed payout returns to the author's balance in the next run). Only
   * real transitions are allowed, and a payout a later run has taken back is final. A call
   * that changes nothing (a repeat) writes nothing.
   */
  async markPaid(actor: Actor, id: string, changes: PayoutStateChangeDto[] = []) {
    const ids = changes.map((c) => c.statementId);
    const dup = ids.find((x, i) => ids.indexOf(x) !== i);
    if (dup) throw badInput(`statement ${dup} is listed twice`, [{ field: 'payouts', message: `duplicate statementId ${dup}` }]);
    const misplaced = changes.findIndex((c) => (c.failureCode || c.note) && !isReturnedState(c.state));
    if (misplaced >= 0) {
      throw badInput(`payouts[${misplaced}]: a failure code or note goes with a failed or reversed payout only`, [
        { field: `payouts.${misplaced}.failureCode`, message: `not allowed with state ${changes[misplaced]!.state}` },
      ]);
    }
    await this.scope.run(async (m) => {
      const run = await this.runs.findForUpdate(m, id);
      if (!run) throw notFound('payout run', id);
      if (!isFinalRun(run.status)) throw conflict(`the run is ${run.status}; only an approved run can be marked paid`);
      const payouts = await this.transitions.payoutsForUpdate(m, id);
      const byId = new Map(payouts.map((p) => [p.id, p]));
      const wanted = new Map(changes.map((c) => [c.statementId, c]));
      const refused = changes.map((c) => transitionRefusal(c.statementId, byId.get(c.statementId), c.state)).filter((r) => r !== null);
      if (refused.length) throw ruleViolation('payout_state_transition', refused.join('; '), { refused });
      const changed: PayoutChange[] = payouts
        .map((p) => {
          const w = wanted.get(p.id);
          return { id: p.id, before: p.state, after: w?.state ?? defaultPayoutOutcome(p.state), failureCode: w?.failureCode ?? null };
        })
        .filter((c) => c.after !== c.before);
      if (changed.length === 0 && run.status === 'paid') return; // a repeat: nothing to record
      await this.transitions.apply(m, changed, 'mark-paid');
      await this.runs.markPaid(m, id, actor.id);
      const notes = changes.filter((c) => c.failureCode || c.note);
      await this.audit.record(m, actor, {
        action: 'payout-run.mark-paid',
        entityType: 'payout-run',
        entityId: id,
        before: { status: run.status },
        after: {
          status: 'paid',
          changes: changed.map(({ id: sid, before, after }) => ({ id: sid, before, after })),
          ...(notes.length
            ? { failures: notes.map((c) => ({ id: c.statementId, failureCode: c.failureCode ?? null, note: c.note ?? null })) }
            : {}),
        },
      });
    });
    return this.results.getRun(id, this.scope.db);
  }
}
