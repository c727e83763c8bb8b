import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuditService,
  conflict,
  notFound,
  parseListQuery,
  ruleViolation,
  toPage,
  type Actor,
  type ListSpec,
} from '../../core/src/index.js';
import type { BoostStoryDto, EndBoostDto } from './boost-curation.dto.js';
import { EarningsParametersService } from '../../payouts/src/earnings-parameters.service.js';
import { BOOST_SOURCES, BOOST_STATES, BoostsRepository, type BoostView } from './boosts.repository.js';
import { RULE_MESSAGES, storyBoostProblems } from './nomination-rules.js';
import { NominationsRepository } from './nominations.repository.js';
import { StoriesRepository } from './stories.repository.js';
import { boostState } from './sql-fragments.js';

export const BOOST_LIST: ListSpec = {
  resource: 'boosts',
  key: 'b.id',
  defaultSort: ['startsAt', 'DESC'],
  sort: { id: 'b.id', startsAt: 'b.starts_at', endsAt: 'b.ends_at', storyId: 's.id', source: 'b.source' },
  filters: {
    id: { column: 'b.id', type: 'text' },
    storyId: { column: 's.id', type: 'text' },
    authorId: { column: 'a.id', type: 'text' },
    publicationId: { column: 'p.id', type: 'text' },
    nominationId: { column: 'n.id', type: 'text' },
    state: { column: boostState('b'), type: 'text', values: BOOST_STATES },
    source: { column: 'b.source', type: 'text', values: BOOST_SOURCES },
    startsAt: { column: 'b.starts_at', type: 'timestamp' },
    endsAt: { column: 'b.ends_at', type: 'timestamp' },
  },
  search: ['s.title'],
};

/** Boost windows: the list the payout run's windows come from, curators' own boosts, ending early. */
@Injectable()
export class BoostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly boosts: BoostsRepository,
    private readonly stories: StoriesRepository,
    private readonly nominations: NominationsRepository,
    private readonly audit: AuditService,
    private readonly parameters: EarningsParametersService,
  ) {}

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, BOOST_LIST);
    return toPage(BOOST_LIST.resource, q.offset, await this.boosts.list(q), () => this.boosts.count(q));
  }

  async get(id: string): Promise<BoostView> {
    const row = await this.boosts.findView(id);
    if (!row) throw notFound('boost', id);
    return row;
  }

  /**
   * A curator boosts a story nobody nominated: the same story rules as a nomination, at now
   * (a 422 names the first rule broken, `details.rules` all of them).
   */
  async boostStory(actor: Actor, storyId: string, dto: BoostStoryDto): Promise<BoostView> {
    const id = `boost_${randomUUID()}`;
    await this.dataSource.transaction(async (m) => {
      // The same lock as intake's evaluation: a nomination of this story cannot be accepted meanwhile.
      await this.nominations.lockRules(m);
      const facts = await this.stories.facts(m, { id: storyId });
      if (!facts) throw notFound('story', storyId);
      const problems = storyBoostProblems(facts, false);
      if (problems.length)
        throw ruleViolation(problems[0], `cannot boost story ${storyId}: ${RULE_MESSAGES[problems[0]]}`, { rules: problems });
      const boost = await this.boosts.create(m, {
        id,
        storyKey: facts.key,
        days: (await this.parameters.section('curation', m)).boostDays,
        source: 'curator',
        boostedBy: actor.id,
        reason: dto.reason ?? null,
      });
      await this.audit.record(m, actor, {
        action: 'boost.create',
        entityType: 'boost',
        entityId: id,
        after: boost,
        reason: dto.reason ?? null,
      });
    });
    return this.get(id);
  }

  /**
   * Ends an active boost now: the window becomes [startsAt, now), which is what the payout
   * run reads. An ended boost is a 409 (ending is final too); an upcoming one a 422.
   */
  async end(actor: Actor, id: string, dto: EndBoostDto): Promise<BoostView> {
    await this.dataSource.transaction(async (m) => {
      const before = await this.boosts.lockForEnd(m, id);
      if (!before) throw notFound('boost', id);
      if (before.endReason !== null || before.state === 'ended') {
        throw conflict(`boost ${id} has already ended`, { endsAt: before.endsAt, endReason: before.endReason });
      }
      if (before.state === 'upcoming')
        throw ruleViolation('boost_not_started', `boost ${id} has not started yet: only an active boost can be ended early`);
      const { state: _state, ...window } = before;
      const after = await this.boosts.endNow(m, window, actor.id, dto.reason);
      await this.audit.record(m, actor, {
        action: 'boost.end',
        entityType: 'boost',
        entityId: id,
        before: window,
        after,
        reason: dto.reason,
      });
    });
    return this.get(id);
  }
}
