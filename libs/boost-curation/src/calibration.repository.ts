import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows } from '../../core/src/index.js';
import type { ListQuery } from '../../core/src/http/list-query.js';
import { FINAL_RUN_STATUSES_SQL } from '../../payouts/src/payout-rules.js';
import { boostMonths, boostState } from './sql-fragments.js';

/**
 * Each boost's outcome as calibration counts it: ended or not, measured (boost impact stored a
 * complete realised effect), and whether a month of its window still lacks an approved run.
 */
const BOOST_OUTCOMES = `
  SELECT b.id AS boost_id, ${boostState('b')} = 'ended' AS ended, coalesce(bi.complete, false) AS measured,
         CASE WHEN bi.complete THEN bi.realised_micros END AS realised_micros,
         EXISTS (SELECT 1 FROM ${boostMonths('b')} m
                 WHERE NOT EXISTS (SELECT 1 FROM payout_runs r WHERE r.period = to_char(m, 'YYYY-MM') AND r.status IN ${FINAL_RUN_STATUSES_SQL}))
           AS awaiting_run
  FROM boosts b LEFT JOIN boost_impacts bi ON bi.boost_id = b.id`;

const month = (ts: string) => `to_char(${ts} AT TIME ZONE 'UTC', 'YYYY-MM')`;

/** One row per nomination: the list's filters (nominator, month nominated, search) apply to these. */
const NOMINATOR_ROWS = `
  SELECT nm.id AS nominator_id, nm.name, nm.username, ${month('n.nominated_at')} AS period, n.status AS decision, o.*
  FROM nominations n JOIN members nm ON nm.key = n.nominator_key
  LEFT JOIN (${BOOST_OUTCOMES}) o ON o.boost_id = n.boost_id`;

/** One row per curator decision on a nomination and per story the curator boosted unprompted (decision null). */
const CURATOR_ROWS = `
  SELECT su.id AS curator_id, su.name, su.email, ${month('e.at')} AS period, e.decision, o.*
  FROM (SELECT decided_by AS curator, decided_at AS at, status AS decision, boost_id FROM nominations WHERE decided_by IS NOT NULL
        UNION ALL
        SELECT d.boosted_by, b.starts_at, NULL, b.id FROM boost_decisions d JOIN boosts b ON b.id = d.boost_id
        WHERE d.boosted_by IS NOT NULL AND b.source = 'curator') e
  JOIN staff_users su ON su.id = e.curator
  LEFT JOIN (${BOOST_OUTCOMES}) o ON o.boost_id = e.boost_id`;

const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::int`;

/** The effect columns over the rows' ended boosts; the median is the lower middle (an actual boost's amount). */
const EFFECT = `
  ${count('x.ended')} AS "endedBoosts",
  ${count('x.measured')} AS "measuredBoosts",
  ${count('x.ended AND NOT x.measured AND x.awaiting_run')} AS "awaitingRunBoosts",
  ${count('x.ended AND NOT x.measured AND NOT x.awaiting_run')} AS "awaitingSimulationBoosts",
  sum(x.realised_micros) FILTER (WHERE x.measured) AS "realisedMicros",
  percentile_disc(0.5) WITHIN GROUP (ORDER BY x.realised_micros) FILTER (WHERE x.measured) AS "medianRealisedMicros"`;

const acceptance = (accepted: string, decided: string) => `(10000 * ${accepted} / nullif(${decided}, 0))::int`;

const NOMINATOR_GROUPS = (where: string) => `
  SELECT x.nominator_id AS id, min(x.name) AS name, min(x.username) AS username,
    count(*)::int AS nominations,
    ${count(`x.decision = 'boosted'`)} AS boosted,
    ${count(`x.decision = 'declined'`)} AS declined,
    ${count(`x.decision = 'refused'`)} AS refused,
    ${count(`x.decision = 'pending'`)} AS pending,
    ${acceptance(count(`x.decision = 'boosted'`), count(`x.decision IN ('boosted', 'declined')`))} AS "acceptanceRateBps",
    ${EFFECT}
  FROM (${NOMINATOR_ROWS}) x ${where} GROUP BY x.nominator_id`;

const CURATOR_GROUPS = (where: string) => `
  SELECT x.curator_id AS id, min(x.name) AS name, min(x.email) AS email,
    ${count(`x.decision IN ('boosted', 'declined')`)} AS decisions,
    ${count(`x.decision = 'boosted'`)} AS boosted,
    ${count(`x.decision = 'declined'`)} AS declined,
    ${count('x.decision IS NULL')} AS "storyBoosts",
    ${count('x.boost_id IS NOT NULL')} AS "boostsChosen",
    ${acceptance(count(`x.decision = 'boosted'`), count(`x.decision IN ('boosted', 'declined')`))} AS "acceptanceRateBps",
    ${EFFECT}
  FROM (${CURATOR_ROWS}) x ${where} GROUP BY x.curator_id`;

export type CalibrationEffect = {
  endedBoosts: number;
  measuredBoosts: number;
  awaitingRunBoosts: number;
  awaitingSimulationBoosts: number;
  realisedMicros: string | null;
  medianRealisedMicros: string | null;
};
export type NominatorCalibrationRow = CalibrationEffect & {
  id: string;
  name: string;
  username: string;
  nominations: number;
  boosted: number;
  declined: number;
  refused: number;
  pending: number;
  acceptanceRateBps: number | null;
};
export type CuratorCalibrationRow = CalibrationEffect & {
  id: string;
  name: string;
  email: string;
  decisions: number;
  boosted: number;
  declined: number;
  storyBoosts: number;
  boostsChosen: number;
  acceptanceRateBps: number | null;
};

/**
 * Calibration, set-based: the list's filters select the underlying rows (x: a nomination or a
 * decision, with its month), the groups (y) are sorted and paged.
 */
@Injectable()
export class CalibrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  nominators(q: ListQuery): Promise<(NominatorCalibrationRow & { total: number })[]> {
    return this.page(NOMINATOR_GROUPS(q.where), q);
  }

  countNominators(q: ListQuery): Promise<number> {
    return this.count(`SELECT count(DISTINCT x.nominator_id)::int AS n FROM (${NOMINATOR_ROWS}) x ${q.where}`, q);
  }

  curators(q: ListQuery): Promise<(CuratorCalibrationRow & { total: number })[]> {
    return this.page(CURATOR_GROUPS(q.where), q);
  }

  countCurators(q: ListQuery): Promise<number> {
    return this.count(`SELECT count(DISTINCT x.curator_id)::int AS n FROM (${CURATOR_ROWS}) x ${q.where}`, q);
  }

  private page<T>(groups: string, q: ListQuery): Promise<T[]> {
    return rows(
      this.dataSource,
      `SELECT y.*, count(*) OVER () AS total FROM (${groups}) y ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  private async count(sql: string, q: ListQuery): Promise<number> {
    return (await one<{ n: number }>(this.dataSource, sql, q.params))!.n;
  }
}
