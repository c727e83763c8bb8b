import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound } from '../../../core/src/http/errors.js';
import { micros, sum, type Micros } from '../../../core/src/money/money.js';
import { periodProblem } from '../../../core/src/period/period.js';
import { LedgerService } from '../../../ledger/src/index.js';
import type { PayoutState } from '../payout-rules.js';
import { PayoutRunsRepository } from '../payout-runs.repository.js';
import { IntegrityActionsRepository } from './integrity-actions.repository.js';
import { PayoutHoldsRepository, type HeldPayout } from './payout-holds.repository.js';
import { runFinalRefusal } from './run-final-rule.js';
import { PayoutMoneyLock } from '../payout-money-lock.repository.js';

/** Pairs one exclusion decision may name (a case lists far fewer; the bound keeps a request's work finite). */
const MAX_EXCLUDED_PAIRS = 1_000_000;
/** Member and story keys are PostgreSQL integers (int4), positive. */
const isKey = (k: number) => Number.isSafeInteger(k) && k > 0 && k <= 2 ** 31 - 1;

export interface ExclusionRequest {
  period: string;
  /** The integrity decision this exclusion belongs to (its id, or any stable reference). */
  decisionRef: string;
  pairs: { memberKey: number; storyKey: number }[];
}

export interface HoldRequest {
  authorKey: number;
  decisionRef: string;
  reason: string;
}

/** What a hold decision moved: how many payouts and their amount (µ$). */
export interface HoldOutcome {
  payouts: number;
  amountMicros: Micros;
}

const outcome = (payouts: HeldPayout[]): HoldOutcome => ({
  payouts: payouts.length,
  amountMicros: sum(payouts.map((p) => micros(p.micros))),
});

const checkRef = (decisionRef: unknown): void => {
  if (typeof decisionRef !== 'string' || decisionRef.trim() === '' || decisionRef.length > 200)
    throw badInput('decisionRef must be a non-empty text of at most 200 characters', [{ field: 'decisionRef', message: 'required' }]);
};

/**
 * What integrity decisions do to the money, in the caller's transaction (the integrity
 * module audits the decision in the same one): exclusions of (member, story) pairs from a
 * period's earnings (refused, 409, for a period whose run is approved or paid), and holds
 * of an author's payouts (released or forfeited later). A repeat changes nothing.
 */
@Injectable()
export class IntegrityActionsService {
  constructor(
    private readonly repo: IntegrityActionsRepository,
    private readonly holds: PayoutHoldsRepository,
    private readonly runs: PayoutRunsRepository,
    private readonly ledger: LedgerService,
    private readonly moneyLock: PayoutMoneyLock,
  ) {}

  /** Excludes the pairs' sessions and engagements of the period from its earnings; how many pairs became excluded. */
  async exclude(m: EntityManager, { period, decisionRef, pairs }: ExclusionRequest): Promise<{ excluded: number }> {
    const problem = periodProblem(period);
    if (problem) throw badInput(`period ${problem}`, [{ field: 'period', message: problem }]);
    checkRef(decisionRef);
    if (pairs.length > MAX_EXCLUDED_PAIRS)
      throw badInput(`at most ${MAX_EXCLUDED_PAIRS} pairs per decision`, [{ field: 'pairs', message: 'too many' }]);
    const bad = pairs.findIndex((p) => !isKey(p.memberKey) || !isKey(p.storyKey));
    if (bad >= 0) throw badInput(`pairs[${bad}] needs integer memberKey and storyKey`, [{ field: `pairs.${bad}`, message: 'not a key' }]);
    if (pairs.length === 0) return { excluded: 0 };
    const memberKeys = pairs.map((p) => p.memberKey);
    const storyKeys = pairs.map((p) => p.storyKey);
    const unknown = await this.repo.unknownKeys(m, memberKeys, storyKeys);
    if (unknown.members.length || unknown.stories.length) {
      throw badInput(`unknown members ${unknown.members.join(', ') || '-'} / stories ${unknown.stories.join(', ') || '-'}`, [
        { field: 'pairs', message: 'unknown member or story key' },
      ]);
    }
    const refusal = runFinalRefusal(await this.repo.lockRuns(m, [period]), 'an exclusion');
    if (refusal) throw refusal;
    return { excluded: await this.repo.exclude(m, period, decisionRef, memberKeys, storyKeys) };
  }

  /** Revokes every live exclusion of the decision; how many pairs count again. */
  async revokeExclusion(m: EntityManager, decisionRef: string): Promise<{ revoked: number }> {
    checkRef(decisionRef);
    const periods = await this.repo.livePeriods(m, decisionRef);
    if (periods.length === 0) return { revoked: 0 };
    const refusal = runFinalRefusal(await this.repo.lockRuns(m, periods), 'revoking an exclusion');
    if (refusal) throw refusal;
    return { revoked: await this.repo.revoke(m, decisionRef) };
  }

  /**
   * Holds the author's payouts: every statement computed while the hold lasts records it
   * (its payout is put on hold when the run is approved), and payouts of approved runs not
   * yet sent (pending) go on hold now. Held payouts are left out of the payout file.
   */
  async hold(m: EntityManager, { authorKey, decisionRef, reason }: HoldRequest): Promise<HoldOutcome> {
    checkRef(decisionRef);
    await this.moneyLock.take(m);
    if (typeof reason !== 'string' || reason.trim() === '')
      throw badInput('a hold needs a reason', [{ field: 'reason', message: 'required' }]);
    if (!Number.isSafeInteger(authorKey) || !(await this.holds.authorExists(m, authorKey)))
      throw badInput(`unknown author ${authorKey}`, [{ field: 'authorKey', message: 'unknown member' }]);
    if (!(await this.holds.insert(m, authorKey, decisionRef, reason))) {
      const existing = (await this.holds.findForUpdate(m, decisionRef))!;
      if (existing.authorKey !== authorKey || existing.reason !== reason)
        throw conflict(`decision ${decisionRef} already holds another author's payouts or for another reason`);
      return { payouts: 0, amountMicros: 0n }; // a repeat
    }
    const pending = await this.holds.pendingOfAuthor(m, authorKey);
    await this.holds.record(
      m,
      pending.map((p) => p.id),
      { ref: decisionRef, reason },
    );
    await this.move(m, pending, 'on_hold');
    return outcome(pending);
  }

  /** Right after a run's approval, in its transaction: the payouts its statements record a hold for go on hold. */
  async holdApproved(m: EntityManager, runId: string): Promise<HoldOutcome> {
    const pending = await this.holds.pendingHeldOfRun(m, runId);
    await this.move(m, pending, 'on_hold');
    return outcome(pending);
  }

  /**
   * Ends the hold: its payouts are `released`, their money back in the author's balance, so
   * the next approved run takes them into its opening and pays them (once: approval marks them
   * taken back); their own run's payout file leaves them out. Another live hold of the author
   * keeps them held instead. A draft run computed before is stale after it.
   */
  async release(m: EntityManager, decisionRef: string): Promise<HoldOutcome> {
    const hold = await this.liveHold(m, decisionRef, 'released');
    if (!hold) return { payouts: 0, amountMicros: 0n };
    await this.holds.end(m, decisionRef, 'released');
    const held = await this.holds.heldBy(m, decisionRef);
    const other = await this.holds.otherLiveHold(m, hold.authorKey, decisionRef);
    if (other) {
      await this.holds.record(
        m,
        held.map((p) => p.id),
        other,
      );
      return { payouts: 0, amountMicros: 0n };
    }
    await this.move(m, held, 'released');
    return outcome(held);
  }

  /** Ends the hold by forfeiting its payouts (their money to the forfeited account, exactly their amounts). */
  async forfeit(m: EntityManager, decisionRef: string): Promise<HoldOutcome> {
    if (!(await this.liveHold(m, decisionRef, 'forfeited'))) return { payouts: 0, amountMicros: 0n };
    await this.holds.end(m, decisionRef, 'forfeited');
    const held = await this.holds.heldBy(m, decisionRef);
    await this.move(m, held, 'forfeited');
    return outcome(held);
  }

  /** The hold, locked, if it is live; undefined when it already ended the same way (a repeat). */
  private async liveHold(m: EntityManager, decisionRef: string, how: 'released' | 'forfeited') {
    checkRef(decisionRef);
    await this.moneyLock.take(m);
    const hold = await this.holds.findForUpdate(m, decisionRef);
    if (!hold) throw notFound('hold', decisionRef);
    if (hold[how]) return undefined;
    if (hold.released || hold.forfeited) throw conflict(`hold ${decisionRef} is already ${hold.released ? 'released' : 'forfeited'}`);
    return hold;
  }

  /** Payout states and their ledger movements (hold, release, forfeit). */
  private async move(m: EntityManager, payouts: HeldPayout[], to: PayoutState): Promise<void> {
    if (payouts.length === 0) return;
    await this.runs.setPayoutStates(
      m,
      payouts.map((p) => ({ id: p.id, after: to })),
    );
    if (to === 'on_hold')
      await this.ledger.postHold(
        m,
        payouts.map((p) => ({ statementId: p.id, from: p.state })),
      );
    else if (to === 'released')
      await this.ledger.postRelease(
        m,
        payouts.map((p) => p.id),
      );
    else
      await this.ledger.postForfeit(
        m,
        payouts.map((p) => ({ statementId: p.id, from: p.state })),
      );
  }
}
