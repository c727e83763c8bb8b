import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { one, rows } from '../../core/src/database/sql.js';
import { stepFlagPairs, stepFlags, stepHistogram } from './flags-sql.js';
import { stepConcentration, stepFarms, stepReads, stepRings, type SignalScope } from './signals-sql.js';

export interface DetectionCounts {
  flags: number;
  /** Cases created by this detection. */
  created: number;
  /** Open cases whose flags were recomputed. */
  updated: number;
  /** Open cases no longer detected (now `cleared`). */
  cleared: number;
  /** Flags left out because their case is decided (dismissed, excluded, …). */
  skippedDecided: number;
}

/** The detection's SQL: computes the period's flags and stores them as cases, in the caller's transaction. */
@Injectable()
export class SignalsRepository {
  /** Serializes detections of one period (the lock ends with the transaction). */
  /** The period's reading version (reading_versions, bumped by intake); 0 before any intake of it. */
  async readingVersion(db: DataSource | EntityManager, period: string): Promise<number> {
    const row = await one<{ version: string }>(db, `SELECT version::text AS version FROM reading_versions WHERE period = $1`, [period]);
    return row ? Number(row.version) : 0;
  }

  async lockPeriod(m: EntityManager, period: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('integrity-detect'), hashtext($1))`, [period]);
  }

  /** Builds ig_flags and ig_flag_pairs (temporary tables of the transaction). */
  async computeFlags(m: EntityManager, scope: SignalScope): Promise<void> {
    for (const sql of [
      ...stepReads(scope),
      ...stepRings(scope),
      ...stepFarms(scope),
      ...stepConcentration(scope),
      ...stepFlagPairs(),
      ...stepHistogram(scope),
      ...stepFlags(scope),
    ])
      await m.query(sql);
  }

  /**
   * Stores the flags as cases: an open (or cleared) case with the same key is updated in
   * place (same id, its flags and pairs replaced), a decided one is left alone, a new key
   * makes a new case, and open cases of the period not found again are cleared.
   */
  async storeCases(m: EntityManager, period: string, paramsVersion: number): Promise<DetectionCounts> {
    const counts = await one<DetectionCounts>(
      m,
      `WITH decided AS (
         SELECT case_key FROM integrity_cases WHERE period = $1 AND status NOT IN ('open', 'cleared')
       ), found AS (
         SELECT k.case_key, min(k.kind) AS kind, (array_agg(k.author_key ORDER BY k.author_key))[1] AS author_key, max(k.score) AS score,
                (SELECT count(DISTINCT m)::int FROM ig_flag_pairs p WHERE p.case_key = k.case_key) AS member_count,
                (SELECT coalesce(sum(n), 0)::int FROM (SELECT DISTINCT m, s, n FROM ig_flag_pairs p WHERE p.case_key = k.case_key) d) AS session_count,
                (SELECT coalesce(sum(tp), 0)::bigint FROM (SELECT DISTINCT m, s, tp FROM ig_flag_pairs p WHERE p.case_key = k.case_key) d) AS time_points
         FROM ig_flags k WHERE k.case_key NOT IN (SELECT case_key FROM decided) GROUP BY k.case_key
       ), upserted AS (
         INSERT INTO integrity_cases (period, case_key, kind, author_key, score, member_count, session_count, time_points, params_version, detected_at)
         SELECT $1, case_key, kind, author_key, score, member_count, session_count, time_points, $2, now() FROM found
         ON CONFLICT (period, case_key) DO UPDATE SET status = 'open', kind = EXCLUDED.kind, author_key = EXCLUDED.author_key,
           score = EXCLUDED.score, member_count = EXCLUDED.member_count, session_count = EXCLUDED.session_count,
           time_points = EXCLUDED.time_points, params_version = EXCLUDED.params_version
         WHERE integrity_cases.status IN ('open', 'cleared')
         RETURNING id, case_key, (xmax = 0) AS inserted
       ), cleared AS (
         UPDATE integrity_cases c SET status = 'cleared'
         WHERE c.period = $1 AND c.status = 'open' AND c.case_key NOT IN (SELECT case_key FROM found) RETURNING c.id
       ), events AS (
         INSERT INTO integrity_case_events (case_id, kind, data)
         SELECT id, 'detected', jsonb_build_object('paramsVersion', $2::int) FROM upserted WHERE inserted
         UNION ALL SELECT id, 'cleared', jsonb_build_object('paramsVersion', $2::int) FROM cleared
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM ig_flags)::int AS flags,
              (SELECT count(*) FROM upserted WHERE inserted)::int AS created,
              (SELECT count(*) FROM upserted WHERE NOT inserted)::int AS updated,
              (SELECT count(*) FROM cleared)::int AS cleared,
              (SELECT count(*) FROM ig_flags WHERE case_key IN (SELECT case_key FROM decided))::int AS "skippedDecided",
              (SELECT count(*) FROM events)::int AS events`,
      [period, paramsVersion],
    );
    await this.replaceFlags(m, period);
    const { events: _events, ...rest } = counts as DetectionCounts & { events: number };
    return rest;
  }

  /** The flags and pairs of the period's open cases, replaced by this detection's. */
  private async replaceFlags(m: EntityManager, period: string): Promise<void> {
    const open = `SELECT id, case_key FROM integrity_cases WHERE period = $1 AND status = 'open'`;
    await m.query(`DELETE FROM integrity_flags WHERE case_id IN (SELECT id FROM (${open}) o)`, [period]);
    await m.query(`DELETE FROM integrity_case_pairs WHERE case_id IN (SELECT id FROM (${open}) o)`, [period]);
    await m.query(
      `INSERT INTO integrity_flags (case_id, signal, author_key, score, evidence)
       SELECT o.id, k.signal, k.author_key, k.score, k.evidence FROM ig_flags k JOIN (${open}) o ON o.case_key = k.case_key
       ORDER BY o.id, k.signal, k.flag_key`,
      [period],
    );
    await m.query(
      `INSERT INTO integrity_case_pairs (case_id, member_key, story_key, sessions, time_points)
       SELECT o.id, p.m, p.s, max(p.n), max(p.tp) FROM ig_flag_pairs p JOIN (${open}) o ON o.case_key = p.case_key
       GROUP BY o.id, p.m, p.s`,
      [period],
    );
  }

  /** The keys of the period's cases with their status (tests and the job's log). */
  cases(m: EntityManager, period: string) {
    return rows<{ id: string; caseKey: string; status: string }>(
      m,
      `SELECT id, case_key AS "caseKey", status FROM integrity_cases WHERE period = $1 ORDER BY case_key`,
      [period],
    );
  }
}
