import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '../../core/src/database/sql.js';
import { isPeriod } from '../../core/src/period/period.js';
import type { GroupImpact } from '../../payouts/src/index.js';
import { COMPUTED_RUN_STATUSES_SQL } from '../../payouts/src/payout-rules.js';
import { DECISION_REF_PREFIX } from './integrity-rules.js';

type Db = DataSource | EntityManager;

export interface StakeAuthorRow {
  authorId: string;
  authorName: string;
  subject: boolean;
  deltaMicros: string;
  /** The author's story earnings in the period's computed run (null: none). */
  runMicros: string | null;
}

export interface StakeRun {
  id: string;
  status: string;
  /** Whether that run applied this case's exclusion (its earnings are then the "after"). */
  applied: boolean;
}

/** Money at stake of the integrity cases: the cases' pairs as the engine's groups, the stored figures. */
@Injectable()
export class StakesRepository {
  /**
   * The period's cases that need a figure (open ones, and decided ones never computed) as
   * the engine's groups `(k, ref, m, s)`: their pairs, and the ref of their own exclusion.
   */
  groupsSql(period: string): string {
    if (!isPeriod(period)) throw new Error(`bad period ${period}`);
    return `(SELECT c.id::text AS k, '${DECISION_REF_PREFIX}' || c.id AS ref, p.member_key AS m, p.story_key AS s
      FROM integrity_cases c JOIN integrity_case_pairs p ON p.case_id = c.id
      WHERE c.period = '${period}' AND (c.status = 'open' OR (c.stake_computed_at IS NULL AND c.status <> 'cleared')))`;
  }

  /**
   * Stores one case's figures (replacing earlier ones) unless it was decided meanwhile with
   * figures already stored: every case author (their stories are in its pairs) and every
   * other author whose earnings change; money at stake = what the case's authors would lose.
   */
  async store(m: EntityManager, impact: GroupImpact): Promise<boolean> {
    const [mine] = await rows<{ id: string }>(
      m,
      `SELECT id FROM integrity_cases WHERE id = $1 AND (status = 'open' OR stake_computed_at IS NULL) FOR UPDATE`,
      [impact.key],
    );
    if (!mine) return false;
    await m.query(`DELETE FROM integrity_case_stakes WHERE case_id = $1`, [impact.key]);
    await m.query(
      `WITH subjects AS (
         SELECT DISTINCT st.author_key FROM integrity_case_pairs p JOIN stories st ON st.key = p.story_key WHERE p.case_id = $1
       ), changed AS (SELECT * FROM unnest($2::int[], $3::bigint[]) AS d(author_key, delta))
       INSERT INTO integrity_case_stakes (case_id, author_key, delta_micros, subject)
       SELECT $1, coalesce(s.author_key, d.author_key), coalesce(d.delta, 0), s.author_key IS NOT NULL
       FROM subjects s FULL JOIN changed d ON d.author_key = s.author_key`,
      [impact.key, impact.authors.map((a) => a.authorKey), impact.authors.map((a) => a.deltaMicros.toString())],
    );
    await m.query(
      `UPDATE integrity_cases c SET money_at_stake_micros = -k.subjects, stake_gainers = k.gainers,
              stake_unallocated_micros = $2::bigint, stake_computed_at = now()
       FROM (SELECT coalesce(sum(delta_micros) FILTER (WHERE subject), 0) AS subjects,
                    count(*) FILTER (WHERE NOT subject AND delta_micros > 0)::int AS gainers
             FROM integrity_case_stakes WHERE case_id = $1) k
       WHERE c.id = $1`,
      [impact.key, impact.unallocatedDeltaMicros.toString()],
    );
    return true;
  }

  /** The case's authors and its `gainers` largest gainers, with their earnings in the period's computed run. */
  authors(db: Db, id: string, gainers: number): Promise<StakeAuthorRow[]> {
    return rows<StakeAuthorRow>(
      db,
      `WITH run AS (
         SELECT r.id FROM payout_runs r JOIN integrity_cases c ON c.period = r.period WHERE c.id = $1 AND r.status IN ${COMPUTED_RUN_STATUSES_SQL}
       ), shown AS (
         SELECT k.*, row_number() OVER (PARTITION BY k.subject ORDER BY k.delta_micros DESC, k.author_key) AS place
         FROM integrity_case_stakes k WHERE k.case_id = $1 AND (k.subject OR k.delta_micros > 0)
       )
       SELECT au.id AS "authorId", au.name AS "authorName", k.subject, k.delta_micros::text AS "deltaMicros",
              CASE WHEN run.id IS NOT NULL THEN (SELECT coalesce(sum(se.earnings_micros), 0)::text FROM story_earnings se
                WHERE se.run_id = run.id AND se.author_key = k.author_key) END AS "runMicros"
       FROM shown k JOIN members au ON au.key = k.author_key LEFT JOIN run ON true
       WHERE k.subject OR k.place <= $2
       ORDER BY k.subject DESC, k.delta_micros DESC, au.id`,
      [id, gainers],
    );
  }

  /** The period's computed run of the case, if any, and whether it applied the case's exclusion. */
  async run(db: Db, id: string): Promise<StakeRun | null> {
    const [run] = await rows<StakeRun>(
      db,
      `SELECT r.id, r.status, ('${DECISION_REF_PREFIX}' || c.id) = ANY(r.decision_refs) AS applied
       FROM payout_runs r JOIN integrity_cases c ON c.period = r.period WHERE c.id = $1 AND r.status IN ${COMPUTED_RUN_STATUSES_SQL}`,
      [id],
    );
    return run ?? null;
  }
}
