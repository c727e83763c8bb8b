import type pg from 'pg';
import { COVERAGE_SQL, plantedMonthSql, type PlantedMonthOptions } from '../../bench/integrity-month.js';

export const PERIOD = '2026-05';

/** Empties the reading data, the cases and the truth of an earlier month, then generates one. */
export async function loadPlantedMonth(pool: pg.Pool, o: Omit<PlantedMonthOptions, 'period'>): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS integrity_planted`);
  await pool.query(
    `TRUNCATE members, memberships, stories, sessions, engagements, follows, enrollments,
              integrity_cases, integrity_flags, integrity_case_pairs, integrity_case_events RESTART IDENTITY`,
  );
  for (const sql of plantedMonthSql({ period: PERIOD, ...o })) await pool.query(sql);
}

export interface Coverage {
  planted: number;
  flagged: number;
  plantedFlagged: number;
  cases: number;
}

export const coverage = async (pool: pg.Pool): Promise<Coverage> => (await pool.query(COVERAGE_SQL, [PERIOD])).rows[0];

/**
 * The month's dues (planted months have none): a monthly charge for every member with a
 * membership, 300–899 cents net (seeded by member key), so that money at stake is real.
 */
export async function addCharges(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE charges, statements, story_earnings, story_exclusion_effects, payout_runs, earnings_exclusions CASCADE`);
  await pool.query(
    `INSERT INTO charges (id, member_key, plan, covers_from, charged_at, gross_cents, fee_cents, net_cents, status)
     SELECT 'ch' || ms.member_key, ms.member_key, 'monthly', DATE '${PERIOD}-01', '${PERIOD}-01T00:00:00Z', 1000, 100,
            300 + (hashint4(ms.member_key) & 2147483647) % 600, 'paid'
     FROM (SELECT DISTINCT member_key FROM memberships) ms`,
  );
}
