import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  activeClaimant,
  AuditService,
  claimedByOther,
  conflict,
  notFound,
  parseListQuery,
  ruleViolation,
  toPage,
  type Actor,
  type ListSpec,
} from '../../core/src/index.js';
import type { BoostNominationDto, DeclineNominationDto } from './boost-curation.dto.js';
import { ratioBps } from '../../core/src/ratio/ratio-bps.js';
import { EarningsParametersService } from '../../payouts/src/earnings-parameters.service.js';
import { BoostsRepository } from './boosts.repository.js';
import { DECLINE_REASONS, NOMINATION_STATUSES, REFUSAL_REASONS } from './nomination.entity.js';
import { RULE_MESSAGES, storyBoostProblems } from './nomination-rules.js';
import { NominationClaimsRepository } from './nomination-claims.repository.js';
import { NominationsRepository, type NominationView, type NominatorView } from './nominations.repository.js';
import { StoriesRepository } from './stories.repository.js';
import { isPartnerNow } from './sql-fragments.js';

export const NOMINATION_LIST: ListSpec = {
  resource: 'nominations',
  key: 'n.id',
  defaultSort: ['nominatedAt', 'ASC'],
  sort: { id: 'n.id', nominatedAt: 'n.nominated_at', status: 'n.status', decidedAt: 'n.decided_at', storyPublishedAt: 's.published_at' },
  filters: {
    id: { column: 'n.id', type: 'text' },
    status: { column: 'n.status', type: 'text', values: NOMINATION_STATUSES },
    publicationId: { column: 'p.id', type: 'text' },
    nominatorId: { column: 'nm.id', type: 'text' },
    storyId: { column: 's.id', type: 'text' },
    authorId: { column: 'a.id', type: 'text' },
    refusalReason: { column: 'n.refusal_reason', type: 'text', values: REFUSAL_REASONS },
    declineReason: { column: 'n.decline_reason', type: 'text', values: DECLINE_REASONS },
    decidedBy: { column: 'n.decided_by', type: 'uuid' },
    nominatedAt: { column: 'n.nominated_at', type: 'timestamp' },
    authorIsPartner: { column: isPartnerNow('s.author_key'), type: 'bool' },
    /** The staff member holding an unexpired review claim. */
    claimedBy: { column: activeClaimant('n'), type: 'uuid' },
    claimed: { column: `(${activeClaimant('n')} IS NOT NULL)`, type: 'bool' },
  },
  search: ['s.title', 'nm.name', 'p.name'],
};

export const NOMINATOR_LIST: ListSpec = {
  resource: 'nominators',
  key: 'x.id',
  defaultSort: ['lastNominatedAt', 'DESC'],
  sort: {
    id: 'x.id',
    name: 'x.name',
    nominationsThisMonth: 'x."nominationsThisMonth"',
    nominationsLast7Days: 'x."nominationsLast7Days"',
    totalNominations: 'x."totalNominations"',
    approvalRateBps: 'x."approvalRateBps"',
    lastNominatedAt: 'x."lastNominatedAt"',
  },
  filters: {
    id: { column: 'x.id', type: 'text' },
    goodStanding: { column: 'x."goodStanding"', type: 'bool' },
  },
  search: ['x.name', 'x.username'],
};

/** The curator queue: nominations with their story's facts, and the two final decisions. */
@Injectable()
export class NominationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nominations: NominationsRepository,
    private readonly claims: NominationClaimsRepository,
    private readonly boosts: BoostsRepository,
    private readonly stories: StoriesRepository,
    private readonly audit: AuditService,
    private readonly parameters: EarningsParametersService,
  ) {}

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, NOMINATION_LIST);
    const page = await this.nominations.list(q);
    return toPage(NOMINATION_LIST.resource, q.offset, await this.withReadStats(page), () => this.nominations.count(q));
  }

  async get(id: string): Promise<NominationView> {
    const row = await this.nominations.findView(id);
    if (!row) throw notFound('nomination', id);
    return (await this.withReadStats([row]))[0];
  }

  /** Boosts a pending nomination: the boost window from now, `boostDays` long. Final. */
  async boost(actor: Actor, id: string, dto: BoostNominationDto): Promise<NominationView> {
    await this.dataSource.transaction(async (m) => {
      await this.assertNotClaimedByOther(m, id, actor);
      const boostId = `boost_${randomUUID()}`;
      const before = await this.nominations.findRow(m, id);
      const after = await this.nominations.markBoosted(m, id, actor.id, boostId, dto.note ?? null);
      if (!after) throw this.notPending(id, (await this.nominations.findRow(m, id))?.status);
      const facts = await this.stories.facts(m, { key: after.storyKey }, id);
      const problems = facts ? storyBoostProblems(facts, true) : ['unknown_story' as const];
      if (problems.length) throw ruleViolation(problems[0], `cannot boost: ${RULE_MESSAGES[problems[0]]}`, { rules: problems });
      const boost = await this.boosts.create(m, {
        id: boostId,
        storyKey: after.storyKey,
        days: (await this.parameters.section('curation', m)).boostDays,
        source: 'nomination',
        boostedBy: actor.id,
        reason: dto.note ?? null,
      });
      await this.audit.recordMany(m, actor, [
        { action: 'nomination.boost', entityType: 'nomination', entityId: id, before, after, reason: dto.note ?? null },
        { action: 'boost.create', entityType: 'boost', entityId: boostId, after: { ...boost, nominationId: id }, reason: dto.note ?? null },
      ]);
    });
    return this.get(id);
  }

  /** Declines a pending nomination under a guideline reason, with a note. Final. */
  async decline(actor: Actor, id: string, dto: DeclineNominationDto): Promise<NominationView> {
    await this.dataSource.transaction(async (m) => {
      await this.assertNotClaimedByOther(m, id, actor);
      const before = await this.nominations.findRow(m, id);
      const after = await this.nominations.markDeclined(m, id, actor.id, dto.reason, dto.note ?? null);
      if (!after) throw this.notPending(id, (await this.nominations.findRow(m, id))?.status);
      await this.audit.record(m, actor, {
        action: 'nomination.decline',
        entityType: 'nomination',
        entityId: id,
        before,
        after,
        reason: dto.note ? `${dto.reason}: ${dto.note}` : dto.reason,
      });
    });
    return this.get(id);
  }

  async listNominators(query: Record<string, unknown>) {
    const q = parseListQuery(query, NOMINATOR_LIST);
    return toPage(NOMINATOR_LIST.resource, q.offset, await this.nominations.listNominators(q), () => this.nominations.countNominators(q));
  }

  async getNominator(id: string): Promise<NominatorView> {
    const row = await this.nominations.findNominator(id);
    if (!row) throw notFound('nominator', id);
    return row;
  }

  /** Locks the nomination; 404 when missing, 409 when another curator holds an unexpired claim on it. */
  private async assertNotClaimedByOther(m: EntityManager, id: string, actor: Actor): Promise<void> {
    const [holder] = await this.claims.holders(m, [id], true);
    if (!holder) throw notFound('nomination', id);
    if (holder.status === 'pending' && holder.claimedBy && holder.claimedBy !== actor.id) throw claimedByOther('nomination', id, holder);
  }

  /** A missing nomination is a 404; one that is no longer pending lost a race or was decided before: 409. */
  private notPending(id: string, status: string | undefined) {
    if (status === undefined) return notFound('nomination', id);
    return conflict(`nomination ${id} is ${status}, not pending: decisions are final`, { status });
  }

  private async withReadStats<T extends { storyKey?: number }>(
    page: T[],
  ): Promise<(Omit<T, 'storyKey'> & { views: number; reads: number; readRatioBps: number })[]> {
    const stats = await this.nominations.readStats([...new Set(page.map((r) => r.storyKey!).filter((k) => k != null))]);
    return page.map(({ storyKey, ...rest }) => {
      const s = stats.get(Number(storyKey)) ?? { views: 0, reads: 0 };
      return { ...rest, views: s.views, reads: s.reads, readRatioBps: Number(ratioBps(s.reads, s.views)) };
    });
  }
}
