import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import { ApprovalPartitionRepository } from './approval-partition.repository.js';
import type { PayoutEventSource } from './ledger-rules.js';
import { LedgerRepository, type PayoutTransition } from './ledger.repository.js';

/**
 * The double-entry journal under the statements. Every posting joins the caller's
 * transaction (`m`), so the entries commit with the money event or not at all; the
 * database refuses an unbalanced group at commit and any change to a written entry.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly partitions: ApprovalPartitionRepository,
    private readonly scope: TransactionScope,
  ) {}

  /**
   * Computing a run: writes the lines its approval will post (a table of their own, not yet
   * in the journal). Call in the transaction that makes the run computed; a run approved
   * without them has them written at approval.
   */
  stageApproval(m: EntityManager, runId: string, attempt: number): Promise<string | null> {
    return this.partitions.stage(m, runId, attempt);
  }

  /** Approving a run: call after the run is approved and its payouts are pending, in the same transaction (its lines join the journal). */
  postApproval(m: EntityManager, runId: string): Promise<void> {
    return this.partitions.attach(m, runId);
  }

  /** Payout state changes (mark paid, settlement, failure, reversal), after the statements' states were set. */
  postPayoutTransitions(m: EntityManager, changes: PayoutTransition[], source: PayoutEventSource): Promise<number> {
    return this.repo.writePayoutTransitions(m, changes, source);
  }

  /** A payout put on hold (integrity holds): its money moves from where it was to `held`. */
  postHold(m: EntityManager, payouts: { statementId: string; from: string }[]): Promise<number> {
    return this.repo.writePayoutTransitions(
      m,
      payouts.map((p) => ({ ...p, to: 'on_hold' })),
      'hold',
    );
  }

  /** A held payout released: its money moves from `held` back to the author's balance (a later run's opening pays it). */
  postRelease(m: EntityManager, statementIds: string[]): Promise<number> {
    return this.repo.writePayoutTransitions(
      m,
      statementIds.map((statementId) => ({ statementId, from: 'on_hold', to: 'released' })),
      'release',
    );
  }

  /** A payout forfeited (from pending or held). */
  postForfeit(m: EntityManager, payouts: { statementId: string; from: string }[]): Promise<number> {
    return this.repo.writePayoutTransitions(
      m,
      payouts.map((p) => ({ ...p, to: 'forfeited' })),
      'forfeit',
    );
  }

  /** The stored journal against the one derived from the approved runs and payout events. */
  compareWithRebuilt() {
    return this.repo.compareWithRebuilt(this.scope.db);
  }

  unbalancedGroups() {
    return this.repo.unbalancedGroups(this.scope.db);
  }

  balances() {
    return this.repo.balances(this.scope.db);
  }
}
