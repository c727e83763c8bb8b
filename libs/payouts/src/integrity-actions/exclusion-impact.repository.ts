import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import {
  engineSteps,
  groupScopes,
  stepGroupImpact,
  stepGroupParts,
  stepImpactParts,
  w,
  type ImpactWork,
} from '../run/exclusion-impact-sql.js';
import { PayoutRunRepository, tuneForRun, WORK_SCHEMA } from '../run/payout-run.repository.js';

export interface StoryImpact {
  storyKey: number;
  authorKey: number;
  deltaMicros: bigint;
}

/**
 * One group's effect, with − without (µ$): per story and per author with a change, and the
 * change of the unallocated money (the three sum to zero: money is conserved).
 */
export interface GroupImpact {
  key: string;
  stories: StoryImpact[];
  authors: { authorKey: number; deltaMicros: bigint }[];
  unallocatedDeltaMicros: bigint;
}

function perAuthor(stories: StoryImpact[]): GroupImpact['authors'] {
  const by = new Map<number, bigint>();
  for (const s of stories) by.set(s.authorKey, (by.get(s.authorKey) ?? 0n) + s.deltaMicros);
  return [...by].filter(([, d]) => d !== 0n).map(([authorKey, deltaMicros]) => ({ authorKey, deltaMicros }));
}

/** Runs exclusion-impact-sql.ts in one snapshot, in work tables of its own (dropped after). */
@Injectable()
export class ExclusionImpactRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: PayoutRunRepository,
  ) {}

  /** `groups`: an SQL relation `(k text, ref text, m int, s int)`: each group's pairs and the decision ref of its own exclusion, if any. */
  async impact(period: string, params: EarningsParameters, groups: string): Promise<GroupImpact[]> {
    const prefix = `i${randomUUID().replace(/-/g, '')}_`;
    const x: ImpactWork = { work: `${WORK_SCHEMA}.${prefix}`, period, params };
    try {
      return await this.dataSource.transaction('REPEATABLE READ', async (m) => {
        await tuneForRun(m);
        await m.query(
          `CREATE UNLOGGED TABLE ${w(x, 'groups')} AS SELECT (dense_rank() OVER (ORDER BY k) - 1)::int AS n, k, ref, m, s FROM ${groups} g`,
        );
        for (const sql of stepImpactParts(x)) await m.query(sql);
        for (const name of ['groups', 'members', 'stories', 'sessions', 'engagements']) await m.query(`ANALYZE ${w(x, name)}`);
        const keys = await rows<{ n: number; k: string }>(m, `SELECT DISTINCT n, k FROM ${w(x, 'groups')} ORDER BY n`);
        for (const { n } of keys) {
          const scopes = groupScopes(x, n);
          for (const sql of [
            ...stepGroupParts(x, n),
            ...engineSteps(scopes.without),
            ...engineSteps(scopes.with),
            ...stepGroupImpact(x, n),
          ])
            await m.query(sql);
          for (const side of ['', 'o', 'x']) await this.engine.dropWorkTables(m, `${prefix}g${n}${side}_`);
        }
        const changed = await rows<{ n: number; storyKey: number; authorKey: number; delta: string }>(
          m,
          `SELECT n, s AS "storyKey", author_key AS "authorKey", delta::text FROM ${w(x, 'impact')} ORDER BY n, author_key, s`,
        );
        const totals = await rows<{ n: number; unallocated: string }>(
          m,
          `SELECT n, unallocated_delta::text AS unallocated FROM ${w(x, 'impact_totals')}`,
        );
        return keys.map(({ n, k }) => {
          const stories = changed
            .filter((c) => c.n === n)
            .map((c) => ({ storyKey: c.storyKey, authorKey: c.authorKey, deltaMicros: BigInt(c.delta) }));
          return {
            key: k,
            stories,
            authors: perAuthor(stories),
            unallocatedDeltaMicros: BigInt(totals.find((t) => t.n === n)?.unallocated ?? '0'),
          };
        });
      });
    } finally {
      await this.engine.dropWorkTables(this.dataSource, prefix);
    }
  }
}
