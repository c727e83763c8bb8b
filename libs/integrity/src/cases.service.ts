import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { badInput, conflict, notFound } from '../../core/src/http/errors.js';
import { parseListQuery, toPage } from '../../core/src/http/list-query.js';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import { CLAIM_SECONDS, claimedByOther } from '../../core/src/review/claim.js';
import { PartnersService } from '../../eligibility/src/index.js';
import { IntegrityActionsService, runFinalRefusal } from '../../payouts/src/index.js';
import { CASE_LIST, CasesRepository, type CaseRow } from './cases.repository.js';
import type { CaseDecisionDto, CaseNoteDto, CaseRevertDto } from './integrity.dto.js';
import { DECISION_REF_PREFIX, DECISION_STATUS, type CaseStatus } from './integrity-rules.js';
import { sum, toJson } from '../../core/src/money/money.js';
import { StakesQueue, StakesService } from './stakes.service.js';

/** Pairs shown with a case (all of them go into an exclusion). */
const SHOWN_PAIRS = 200;
/** The reference payouts' exclusions and holds carry for a case's decision. */
export const decisionRef = (caseId: string) => `${DECISION_REF_PREFIX}${caseId}`;

/**
 * The integrity queue: cases listed and shown with their evidence, claimed by one reviewer at
 * a time, annotated, and decided (dismiss, exclude, hold, suspend) or reverted while the
 * period's run is not approved. Every write is audited in its transaction.
 */
@Injectable()
export class CasesService {
  private readonly logger = new Logger('integrity-cases');

  constructor(
    private readonly repo: CasesRepository,
    private readonly audit: AuditService,
    private readonly scope: TransactionScope,
    private readonly actions: IntegrityActionsService,
    private readonly modules: ModuleRef,
    private readonly stakes: StakesService,
    private readonly stakesQueue: StakesQueue,
  ) {}

  /** Eligibility's public service (its module is not global: looked up across modules). */
  private get partners(): PartnersService {
    return this.modules.get(PartnersService, { strict: false });
  }

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, CASE_LIST);
    return toPage(CASE_LIST.resource, q.offset, await this.repo.list(q), () => this.repo.count(q));
  }

  async get(id: string) {
    const found = await this.repo.get(this.scope.db, this.checkId(id));
    if (!found) throw notFound('integrity case', id);
    const [flags, pairs, history, stake] = await Promise.all([
      this.repo.flags(id),
      this.repo.pairs(this.scope.db, id, SHOWN_PAIRS),
      this.repo.history(this.scope.db, id),
      this.stakes.forCase(this.scope.db, id),
    ]);
    const computed = found.moneyAtStakeMicros !== null;
    return { ...found, flags, pairs, history, stake: computed ? stake : null, moneyAtStakeNote: computed ? null : 'not computed yet' };
  }

  claim(actor: Actor, id: string) {
    return this.scope.run(async (m) => {
      const found = await this.locked(m, id);
      if (!(await this.repo.claim(m, id, actor.id, CLAIM_SECONDS))) {
        if (found.status !== 'open') throw conflict(`integrity case ${id} is ${found.status}`, { reason: 'decided' });
        throw claimedByOther('integrity case', id, found);
      }
      if (found.claimedBy !== actor.id) {
        await this.repo.event(m, id, actor.id, 'claimed', null, null);
        await this.audit.record(m, actor, { action: 'integrity-case.claim', entityType: 'integrity_case', entityId: id });
      }
      return (await this.repo.get(m, id))!;
    });
  }

  release(actor: Actor, id: string) {
    return this.scope.run(async (m) => {
      await this.locked(m, id);
      if (await this.repo.release(m, id, actor.id)) {
        await this.repo.event(m, id, actor.id, 'released', null, null);
        await this.audit.record(m, actor, { action: 'integrity-case.release', entityType: 'integrity_case', entityId: id });
      }
      return (await this.repo.get(m, id))!;
    });
  }

  note(actor: Actor, id: string, dto: CaseNoteDto) {
    return this.scope.run(async (m) => {
      await this.locked(m, id);
      await this.repo.event(m, id, actor.id, 'note', dto.body, null);
      await this.audit.record(m, actor, {
        action: 'integrity-case.note',
        entityType: 'integrity_case',
        entityId: id,
        after: { body: dto.body },
      });
      return this.repo.history(m, id);
    });
  }

  /** A decision on an open case the caller may work on (free or claimed by them). */
  decide(actor: Actor, id: string, dto: CaseDecisionDto) {
    return this.scope.run(async (m) => {
      const found = await this.locked(m, id);
      if (found.status !== 'open') throw conflict(`integrity case ${id} is ${found.status}, not open`, { reason: 'decided' });
      if (found.claimedBy && found.claimedBy !== actor.id) throw claimedByOther('integrity case', id, found);
      await this.refuseWhenFinal(m, found);
      if (dto.decision === 'dismiss' && !dto.reason)
        throw badInput('a dismissal needs a reason', [{ field: 'reason', message: 'required' }]);
      const ref = decisionRef(id);
      const reason = dto.reason ?? null;
      const outcome = await this.apply(m, actor, found, dto.decision, ref, reason);
      const status: CaseStatus = DECISION_STATUS[dto.decision];
      await this.repo.decide(m, id, status, actor.id, reason);
      await this.refreshStakesAfterCommit(found.period);
      await this.repo.event(m, id, actor.id, 'decided', reason, { decision: dto.decision, ...outcome });
      await this.audit.record(m, actor, {
        action: `integrity-case.${dto.decision}`,
        entityType: 'integrity_case',
        entityId: id,
        before: { status: found.status },
        after: { status, ...outcome },
        reason,
      });
      return (await this.repo.get(m, id))!;
    });
  }

  /** Undoes the decision (exclusions revoked, holds released, partners reinstated); the case is open again. */
  revert(actor: Actor, id: string, dto: CaseRevertDto) {
    return this.scope.run(async (m) => {
      const found = await this.locked(m, id);
      if (found.status === 'open' || found.status === 'cleared')
        throw conflict(`integrity case ${id} has no decision to revert`, { reason: 'not_decided' });
      if (found.status === 'forfeited') throw conflict(`integrity case ${id}: forfeited payouts are final`, { reason: 'forfeited' });
      // A hold stays releasable after the run is approved: its payouts wait on it (they then pay in the next run).
      if (found.status !== 'held') await this.refuseWhenFinal(m, found);
      const ref = decisionRef(id);
      const outcome: Record<string, unknown> = {};
      if (found.status === 'excluded') outcome.revoked = (await this.actions.revokeExclusion(m, ref)).revoked;
      if (found.status === 'held') for (const key of await this.subjects(m, found)) await this.actions.release(m, `${ref}:${key}`);
      if (found.status === 'suspended')
        for (const memberId of await this.subjectIds(m, found)) await this.partners.change(actor, memberId, 'reinstate', dto.reason);
      await this.repo.reopen(m, id);
      await this.refreshStakesAfterCommit(found.period);
      await this.repo.event(m, id, actor.id, 'reverted', dto.reason, { from: found.status, ...outcome });
      await this.audit.record(m, actor, {
        action: 'integrity-case.revert',
        entityType: 'integrity_case',
        entityId: id,
        before: { status: found.status },
        after: { status: 'open' },
        reason: dto.reason,
      });
      return (await this.repo.get(m, id))!;
    });
  }

  /** Ends a hold by forfeiting the held payouts (exact amounts to the forfeited account), also after the run is approved. */
  forfeit(actor: Actor, id: string, dto: CaseRevertDto) {
    return this.scope.run(async (m) => {
      const found = await this.locked(m, id);
      if (found.status !== 'held') throw conflict(`integrity case ${id} is ${found.status}, not held`, { reason: 'not_held' });
      const ref = decisionRef(id);
      const ended = [];
      for (const key of await this.subjects(m, found)) ended.push(await this.actions.forfeit(m, `${ref}:${key}`));
      const outcome = {
        forfeitedPayouts: ended.reduce((n, e) => n + e.payouts, 0),
        forfeitedMicros: toJson(sum(ended.map((e) => e.amountMicros))),
      };
      await this.repo.decide(m, id, 'forfeited', actor.id, dto.reason);
      await this.repo.event(m, id, actor.id, 'decided', dto.reason, { decision: 'forfeit', ...outcome });
      await this.audit.record(m, actor, {
        action: 'integrity-case.forfeit',
        entityType: 'integrity_case',
        entityId: id,
        before: { status: found.status },
        after: { status: 'forfeited', ...outcome },
        reason: dto.reason,
      });
      return (await this.repo.get(m, id))!;
    });
  }

  private async apply(
    m: EntityManager,
    actor: Actor,
    found: CaseRow,
    decision: CaseDecisionDto['decision'],
    ref: string,
    reason: string | null,
  ) {
    switch (decision) {
      case 'dismiss':
        return {};
      case 'exclude': {
        const pairs = (await this.repo.pairs(m, found.id)).map((p) => ({ memberKey: p.memberKey, storyKey: p.storyKey }));
        return this.actions.exclude(m, { period: found.period, decisionRef: ref, pairs });
      }
      case 'hold': {
        let payouts = 0;
        for (const authorKey of await this.subjects(m, found))
          payouts += (await this.actions.hold(m, { authorKey, decisionRef: `${ref}:${authorKey}`, reason: reason ?? 'integrity review' }))
            .payouts;
        return { heldPayouts: payouts };
      }
      case 'suspend': {
        const ids = await this.subjectIds(m, found);
        for (const memberId of ids) await this.partners.change(actor, memberId, 'suspend', reason ?? 'integrity review');
        return { suspended: ids };
      }
    }
  }

  /** The period's other open cases are figured against its live exclusions, and a reopened case is open again: refigure them. */
  private refreshStakesAfterCommit(period: string): Promise<void> {
    // the decision is committed: a queue that is down only leaves the figures for the next detection
    return this.scope.afterCommit(() =>
      this.stakesQueue.enqueue(period).catch((e: unknown) => this.logger.warn({ period, error: String(e) }, 'money at stake not queued')),
    );
  }

  /** The authors a hold or suspension applies to: the case's author, or every writer of a ring. */
  private async subjects(m: EntityManager, found: CaseRow): Promise<number[]> {
    return (await this.repo.subjects(m, found.id, found.kind)).map((s) => s.key);
  }

  private async subjectIds(m: EntityManager, found: CaseRow): Promise<string[]> {
    return (await this.repo.subjects(m, found.id, found.kind)).map((s) => s.id);
  }

  private async refuseWhenFinal(m: EntityManager, found: CaseRow): Promise<void> {
    const refusal = runFinalRefusal(await this.repo.periodRuns(m, found.period), 'a decision on its cases');
    if (refusal) throw refusal;
  }

  private async locked(m: EntityManager, id: string): Promise<CaseRow> {
    const found = await this.repo.get(m, this.checkId(id), true);
    if (!found) throw notFound('integrity case', id);
    return found;
  }

  private checkId(id: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('integrity case', id);
    return id;
  }
}
