import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput } from '../../../core/src/http/errors.js';
import { periodProblem } from '../../../core/src/period/period.js';
import { IntegrityActionsRepository } from './integrity-actions.repository.js';
import { runFinalRefusal } from './run-final-rule.js';

export interface ExclusionRequest {
  period: string;
  /** The integrity decision this exclusion belongs to (its id, or any stable reference). */
  decisionRef: string;
  pairs: { memberKey: number; storyKey: number }[];
}

const checkRef = (decisionRef: unknown): void => {
  if (typeof decisionRef !== 'string' || decisionRef.trim() === '' || decisionRef.length > 200)
    throw badInput('decisionRef must be a non-empty text of at most 200 characters', [{ field: 'decisionRef', message: 'required' }]);
};

/**
 * What integrity decisions do to the money, in the caller's transaction (the integrity
 * module audits the decision in the same one): exclusions of (member, story) pairs from a
 * period's earnings. Refused (409) for a period whose run is approved or paid. A repeat
 * changes nothing.
 */
@Injectable()
export class IntegrityActionsService {
  constructor(private readonly repo: IntegrityActionsRepository) {}

  /** Excludes the pairs' sessions and engagements of the period from its earnings; how many pairs became excluded. */
  async exclude(m: EntityManager, { period, decisionRef, pairs }: ExclusionRequest): Promise<{ excluded: number }> {
    const problem = periodProblem(period);
    if (problem) throw badInput(`period ${problem}`, [{ field: 'period', message: problem }]);
    checkRef(decisionRef);
    const bad = pairs.findIndex((p) => !Number.isSafeInteger(p.memberKey) || !Number.isSafeInteger(p.storyKey));
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
}
