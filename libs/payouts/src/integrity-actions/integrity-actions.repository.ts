import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';

/** The SQL of the payout side of integrity decisions: exclusions (and holds). */
@Injectable()
export class IntegrityActionsRepository {
  /** Locks the runs of these periods (so that an approval cannot slip in between); their statuses. */
  async lockRuns(m: EntityManager, periods: string[]): Promise<{ period: string; status: string }[]> {
    return rows(m, `SELECT period, status FROM payout_runs WHERE period = ANY($1::text[]) ORDER BY period FOR UPDATE`, [periods]);
  }

  /** Inserts the pairs (a revoked one of the same decision comes back); how many became live. */
  async exclude(m: EntityManager, period: string, decisionRef: string, memberKeys: number[], storyKeys: number[]): Promise<number> {
    const done = await rows(
      m,
      `INSERT INTO earnings_exclusions (period, member_key, story_key, decision_ref)
       SELECT DISTINCT $1, x.m, x.s, $2 FROM unnest($3::int[], $4::int[]) AS x(m, s)
       ON CONFLICT (period, member_key, story_key, decision_ref)
         DO UPDATE SET revoked_at = NULL, created_at = now() WHERE earnings_exclusions.revoked_at IS NOT NULL
       RETURNING id`,
      [period, decisionRef, memberKeys, storyKeys],
    );
    return done.length;
  }

  /** The periods in which the decision excludes something. */
  async livePeriods(m: EntityManager, decisionRef: string): Promise<string[]> {
    const found = await rows<{ period: string }>(
      m,
      `SELECT DISTINCT period FROM earnings_exclusions WHERE decision_ref = $1 AND revoked_at IS NULL ORDER BY period`,
      [decisionRef],
    );
    return found.map((r) => r.period);
  }

  /** Revokes the decision's live exclusions; how many. */
  async revoke(m: EntityManager, decisionRef: string): Promise<number> {
    const done = await rows(
      m,
      `UPDATE earnings_exclusions SET revoked_at = now() WHERE decision_ref = $1 AND revoked_at IS NULL RETURNING id`,
      [decisionRef],
    );
    return done.length;
  }

  /** Which of the keys are not members / not stories (for the caller's 4xx). */
  async unknownKeys(m: EntityManager, memberKeys: number[], storyKeys: number[]): Promise<{ members: number[]; stories: number[] }> {
    const row = await one<{ members: number[]; stories: number[] }>(
      m,
      `SELECT coalesce((SELECT array_agg(DISTINCT k) FROM unnest($1::int[]) k WHERE NOT EXISTS (SELECT 1 FROM members WHERE key = k)), '{}') AS members,
              coalesce((SELECT array_agg(DISTINCT k) FROM unnest($2::int[]) k WHERE NOT EXISTS (SELECT 1 FROM stories WHERE key = k)), '{}') AS stories`,
      [memberKeys, storyKeys],
    );
    return row!;
  }
}
