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
