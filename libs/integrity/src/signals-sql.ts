import { periodBounds } from '../../core/src/period/period.js';
import type { IntegrityParameters } from './integrity-parameters.js';
import { sqlInt } from '../../core/src/database/sql.js';

/**
 * The detector's SQL (docs/integrity-signals.md), one statement per step, each building a
 * temporary table of the detection's transaction (dropped at commit). Parameters are
 * validated integers and period bounds, inlined as literals: CREATE TABLE AS takes no bind
 * parameters.
 */
export interface SignalScope {
  period: string;
  params: IntegrityParameters;
  /** From the current earnings parameters: a qualified read and the per-session cap. */
  qualifiedReadSeconds: number;
  sessionCapSeconds: number;
}

const int = sqlInt;
/** A temporary table of the detection's transaction. */
export const temp = (name: string, select: string) => `CREATE TEMP TABLE ${name} ON COMMIT DROP AS ${select}`;

/** Qualified reads per (member, story): counts, capped time points, reads just above the threshold. */
export function stepReads(s: SignalScope): string[] {
  const { startIso, endIso } = periodBounds(s.period);
  const q = int(s.qualifiedReadSeconds);
  return [
    temp(
      'ig_reads',
      `SELECT se.reader_key AS m, se.story_key AS s, st.author_key AS a, count(*)::int AS n,
              sum(least(se.active_seconds, ${int(s.sessionCapSeconds)}))::bigint AS tp,
              count(*) FILTER (WHERE se.active_seconds < ${q} + ${int(s.params.farmNearSeconds)})::int AS near
       FROM sessions se JOIN stories st ON st.key = se.story_key
       WHERE se.started_at >= '${startIso}'::timestamptz AND se.started_at < '${endIso}'::timestamptz
         AND se.active_seconds >= ${q} AND se.reader_key IS NOT NULL AND se.reader_key <> st.author_key
       GROUP BY se.reader_key, se.story_key, st.author_key`,
    ),
    temp('ig_ma', `SELECT m, a, sum(n)::int AS n, sum(tp)::bigint AS tp, sum(near)::int AS near FROM ig_reads GROUP BY m, a`),
    temp('ig_author', `SELECT a, sum(n)::bigint AS n, sum(tp)::bigint AS tp FROM ig_ma GROUP BY a`),
    temp('ig_member', `SELECT m, sum(n)::bigint AS n FROM ig_ma GROUP BY m`),
    `CREATE UNIQUE INDEX ON ig_ma (m, a)`,
    `ANALYZE ig_ma`,
  ];
}

/** Rings: reciprocal writer pairs far above the audience prediction, joined into connected groups. */
export function stepRings(s: SignalScope): string[] {
  const p = s.params;
  return [
    temp(
      'ig_ww',
      `WITH total AS (SELECT sum(n)::numeric AS t FROM ig_member)
       SELECT x.m, x.a, x.n, x.tp, (x.n * (SELECT t FROM total) / (mm.n * au.n))::numeric(14,2) AS lift
       FROM ig_ma x
       JOIN ig_member mm ON mm.m = x.m JOIN ig_author au ON au.a = x.a
       WHERE x.m IN (SELECT a FROM ig_author) AND x.n >= ${int(p.ringMinReads)}
         AND x.n * (SELECT t FROM total) >= ${int(p.ringMinLift)} * mm.n * au.n`,
    ),
    temp(
      'ig_recip',
      `SELECT f.m AS x, f.a AS y, f.lift AS lift_xy, b.lift AS lift_yx FROM ig_ww f JOIN ig_ww b ON b.m = f.a AND b.a = f.m WHERE f.m < f.a`,
    ),
    temp(
      'ig_ring_nodes',
      `WITH RECURSIVE e AS (SELECT x AS u, y AS v FROM ig_recip UNION ALL SELECT y, x FROM ig_recip),
       reach(start, node) AS (SELECT u, u FROM e UNION SELECT r.start, e.v FROM reach r JOIN e ON e.u = r.node)
       SELECT start AS w, min(node) AS ring FROM reach GROUP BY start`,
    ),
    temp(
      'ig_rings',
      `SELECT n.ring, array_agg(n.w ORDER BY n.w) AS writers, count(*)::int AS size,
              (SELECT count(*) FROM ig_recip r JOIN ig_ring_nodes rn ON rn.w = r.x WHERE rn.ring = n.ring)::int AS edges,
              (SELECT avg((r.lift_xy + r.lift_yx) / 2) FROM ig_recip r JOIN ig_ring_nodes rn ON rn.w = r.x WHERE rn.ring = n.ring)::numeric(14,2) AS lift
       FROM ig_ring_nodes n GROUP BY n.ring
       HAVING count(*) >= ${int(p.ringMinSize)}`,
    ),
    `DELETE FROM ig_rings WHERE edges * 2 * 10000::bigint < ${int(p.ringMinDensityBps)}::bigint * size * (size - 1)`,
  ];
}

/** Farms: members focused on one author, reading just above the threshold, whose memberships began in a burst. */
export function stepFarms(s: SignalScope): string[] {
  const p = s.params;
  return [
    temp(
      'ig_farm_cand',
      `SELECT x.m, x.a, x.n, x.tp, (SELECT min(ms.started_at) FROM memberships ms WHERE ms.member_key = x.m) AS began
       FROM ig_ma x JOIN ig_member mm ON mm.m = x.m
       WHERE x.n * 10000::bigint >= ${int(p.farmFocusBps)}::bigint * mm.n AND x.near * 10000::bigint >= ${int(p.farmNearBps)}::bigint * x.n`,
    ),
    `DELETE FROM ig_farm_cand WHERE began IS NULL`,
    temp(
      'ig_farm_members',
      `SELECT c.m, c.a, c.n, c.tp, c.began FROM ig_farm_cand c
       WHERE (SELECT count(*) FROM ig_farm_cand o
              WHERE o.a = c.a AND o.began BETWEEN c.began - make_interval(hours => ${int(p.farmBurstHours)})
                                              AND c.began + make_interval(hours => ${int(p.farmBurstHours)})) >= ${int(p.farmMinMembers)}`,
    ),
    temp(
      'ig_farms',
      `SELECT f.a, count(*)::int AS members, sum(f.n)::bigint AS n, sum(f.tp)::bigint AS tp, min(f.began) AS burst_from, max(f.began) AS burst_to,
              au.n AS author_reads, au.tp AS author_tp
       FROM ig_farm_members f JOIN ig_author au ON au.a = f.a
       GROUP BY f.a, au.n, au.tp
       HAVING count(*) >= ${int(p.farmMinMembers)} AND sum(f.n) * 10000::bigint >= ${int(p.farmShareBps)}::bigint * au.n`,
    ),
  ];
}

/** Concentration: one member supplying an outsized share of an author's time points from repeated sessions. */
export function stepConcentration(s: SignalScope): string[] {
  const p = s.params;
  return [
    temp(
      'ig_conc',
      `SELECT x.m, x.a, x.n, x.tp, au.tp AS author_tp FROM ig_ma x JOIN ig_author au ON au.a = x.a
       WHERE x.n >= ${int(p.concentrationMinSessions)} AND x.tp * 10000::bigint >= ${int(p.concentrationShareBps)}::bigint * au.tp`,
    ),
  ];
}
