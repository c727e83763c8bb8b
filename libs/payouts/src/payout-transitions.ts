import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LedgerService, type PayoutEventSource } from '../../ledger/src/index.js';
import { mayChangePayout, RETURNED_PAYOUT_STATES, type PayoutState } from './payout-rules.js';
import { PayoutRunsRepository, type PayoutRow } from './payout-runs.repository.js';

/** A payout's state change: from `before` to `after`, with why it failed when it did. */
export interface PayoutChange {
  id: string;
  before: PayoutState;
  after: PayoutState;
  failureCode?: string | null;
}

/** Whether a payout's amount goes back to the author's balance in this state (a failure code applies). */
export const isReturnedState = (state: PayoutState): boolean => (RETURNED_PAYOUT_STATES as readonly string[]).includes(state);

/**
 * Why payout `id` (`p`, undefined when the run has no such payout) may not move to `to`,
 * or null when it may. The one check behind mark-paid and the settlement file.
 */
export function transitionRefusal(id: string, p: PayoutRow | undefined, to: PayoutState): string | null {
  if (!p) return `${id} is not a payout of this run`;
  if (p.integrityHold && to !== p.state)
    return `${id} is held by integrity decision ${p.integrityHold}: only its release or forfeit moves it`;
  if (mayChangePayout(p.state, to, p.returned)) return null;
  if (p.state === 'released')
    return `${id} was released from an integrity hold: its amount is back in the author's balance and the next approved run pays it`;
  return `${id}: ${p.state} → ${to}${p.returned ? ' (already returned to the balance by a later run)' : ''} is not allowed`;
}

/**
 * Applies payout state changes in the caller's transaction: the statements' states (and
 * failure codes), then the ledger's events and entries. Mark-paid and the settlement file
 * both move payouts through here.
 */
@Injectable()
export class PayoutTransitions {
  constructor(
    private readonly runs: PayoutRunsRepository,
    private readonly ledger: LedgerService,
  ) {}

  /** The run's payouts, locked for the change. */
  payoutsForUpdate(m: EntityManager, runId: string): Promise<PayoutRow[]> {
    return this.runs.payoutsForUpdate(m, runId);
  }

  async apply(m: EntityManager, changes: PayoutChange[], source: PayoutEventSource): Promise<void> {
    const real = changes.filter((c) => c.after !== c.before);
    if (real.length === 0) return;
    await this.runs.setPayoutStates(
      m,
      real.map((c) => ({ id: c.id, after: c.after, failureCode: isReturnedState(c.after) ? (c.failureCode ?? null) : null })),
    );
    await this.ledger.postPayoutTransitions(
      m,
      real.map((c) => ({ statementId: c.id, from: c.before, to: c.after })),
      source,
    );
  }
}
