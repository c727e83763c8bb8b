import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, IntakeHooks } from '../../core/src/index.js';
import { evaluateNominations, type Verdict } from './nomination-rules.js';
import { NominationsRepository } from './nominations.repository.js';

/**
 * Runs the acceptance rules on nominations as intake inserts or updates them, inside
 * intake's transaction. Undecided nominations of the batch (pending or refused) are
 * (re-)evaluated; boosted and declined ones are final and left alone.
 *
 * How: one statement loads the batch with its story facts and, merged in (nominated_at, id)
 * order, the nominators' earlier nominations that count toward the limits; one ordered pass in
 * memory decides (a verdict depends on the verdicts before it: the limits, and a story
 * accepted earlier in the same batch); one statement writes every verdict, and one the audit
 * entries. Evaluations are serialized by a transaction-scoped advisory lock so that two
 * concurrent batches cannot both accept past a limit or accept the same story twice.
 */
@Injectable()
export class NominationEvaluationService implements OnModuleInit {
  constructor(
    private readonly hooks: IntakeHooks,
    private readonly nominations: NominationsRepository,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('nominations', (manager, ids) => this.evaluate(manager, ids).then(() => undefined));
  }

  async evaluate(manager: EntityManager, ids: string[]): Promise<Verdict[]> {
    if (ids.length === 0) return [];
    await this.nominations.lockRules(manager);
    const verdicts = evaluateNominations(await this.nominations.ruleInputs(manager, ids));
    const changes = await this.nominations.applyVerdicts(manager, verdicts);
    await this.audit.recordMany(
      manager,
      null,
      changes.map((c) => ({
        action: 'nomination.evaluate',
        entityType: 'nomination',
        entityId: c.id,
        before: c.before,
        after: c.after,
        reason: c.after.refusalReason,
      })),
    );
    return verdicts;
  }
}
