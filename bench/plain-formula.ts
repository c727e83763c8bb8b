/*
 * A plain SQL implementation of spec/earnings.md steps 1–7 (story earnings), the bench's
 * yardstick for the payout run: one session, one temporary table per step with the index
 * the next step joins on, written straight from the spec without the product's work
 * tables, shards or tuning. Besides its time it gives a second opinion: the bench compares
 * its story earnings with the product's, story by story.
 */
import type pg from 'pg';
import { DEFAULT_EARNINGS_PARAMETERS as P } from '../libs/payouts/src/earnings-parameters.js';

/** Each step's SQL for `period` (YYYY-MM), with the default parameters. */
function steps(period: string): [string, string][] {
  const start = `'${period}-01T00:00:00Z'::timestamptz`;
  const end = `(${start} + interval '1 month')`;
  const first = `DATE '${period}-01'`;
  return [
    [
      'contributions',
      `CREATE TEMP TABLE pf_contrib AS
      SELECT member_key AS m, sum(CASE WHEN plan = 'monthly' THEN net * ${P.writerShareBps} / 10000
                                       ELSE (net / 12 + CASE WHEN k < net % 12 THEN 1 ELSE 0 END) * ${P.writerShareBps} / 10000 END)::bigint AS c
      FROM (SELECT member_key, plan, net_cents::bigint * 10000 AS net,
                   ((extract(year FROM ${first}) - extract(year FROM covers_from)) * 12 + extract(month FROM ${first}) - extract(month FROM covers_from))::int AS k,
                   covers_from
            FROM charges WHERE status = 'paid') ch
      WHERE (plan = 'monthly' AND covers_from = ${first}) OR (plan = 'annual' AND k BETWEEN 0 AND 11)
      GROUP BY member_key`,
    ],
    [
      'eligible sessions',
      `CREATE TEMP TABLE pf_eligible AS
      SELECT se.reader_key AS m, se.story_key AS s, st.author_key AS a, st.id AS story_id, se.started_at AS t, se.active_seconds AS secs
      FROM sessions se
      JOIN stories st ON st.key = se.story_key
      JOIN members mb ON mb.key = se.reader_key
      WHERE se.started_at >= ${start} AND se.started_at < ${end} AND se.active_seconds >= ${P.qualifiedReadSeconds}
        AND st.members_only AND se.reader_key <> st.author_key AND NOT mb.earnings_excluded
        AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_key = se.reader_key AND ms.started_at <= se.started_at
                      AND (ms.ended_at IS NULL OR ms.ended_at > se.started_at))
        AND EXISTS (SELECT 1 FROM enrollments e WHERE e.member_key = st.author_key AND e.enrolled_at <= se.started_at
                      AND (e.left_at IS NULL OR e.left_at > se.started_at))`,
    ],
    ['eligible index', `CREATE INDEX ON pf_eligible (m, a)`],
    [
      'views',
      `CREATE TEMP TABLE pf_views AS
      SELECT s, views, reads, greatest(${P.readRatioMinBps}, least(${P.readRatioMaxBps}, ${P.readRatioOffsetBps} + 10000 * reads / views)) AS adj
      FROM (SELECT se.story_key AS s, count(*) AS views, count(*) FILTER (WHERE se.active_seconds >= ${P.qualifiedReadSeconds}) AS reads
            FROM sessions se JOIN stories st ON st.key = se.story_key
            WHERE se.started_at >= ${start} AND se.started_at < ${end} AND se.reader_key IS DISTINCT FROM st.author_key
            GROUP BY se.story_key) v`,
    ],
    ['views index', `CREATE UNIQUE INDEX ON pf_views (s)`],
    [
      'pairs',
      `CREATE TEMP TABLE pf_pairs AS
      SELECT m, s, a, min(story_id) AS story_id, sum(least(secs, ${P.sessionCapSeconds})) AS time_points, count(*) AS reads, min(t) AS t0
      FROM pf_eligible GROUP BY m, s, a`,
    ],
    ['pairs index', `CREATE UNIQUE INDEX ON pf_pairs (m, s)`],
    [
      'engagements',
      `CREATE TEMP TABLE pf_engaged AS
      SELECT member_key AS m, story_key AS s, bool_or(kind = 'clap') AS clap, bool_or(kind = 'highlight') AS highlight, bool_or(kind = 'reply') AS reply
      FROM engagements WHERE occurred_at >= ${start} AND occurred_at < ${end} GROUP BY member_key, story_key`,
    ],
    ['engagements index', `CREATE UNIQUE INDEX ON pf_engaged (m, s)`],
    [
      'new follows',
      `CREATE TEMP TABLE pf_new_follow AS
      SELECT DISTINCT ON (el.m, el.a) el.m, el.s
      FROM (SELECT DISTINCT ON (follower_key, followee_key) follower_key AS m, followee_key AS a, followed_at
            FROM follows ORDER BY follower_key, followee_key, followed_at, id) ff
      JOIN pf_eligible el ON el.m = ff.m AND el.a = ff.a AND el.t <= ff.followed_at
      WHERE ff.followed_at >= ${start} AND ff.followed_at < ${end}
      ORDER BY el.m, el.a, el.t DESC, el.story_id`,
    ],
    ['new follows index', `CREATE UNIQUE INDEX ON pf_new_follow (m, s)`],
    [
      'scores',
      `CREATE TEMP TABLE pf_scored AS
      SELECT p.*, v.adj, p.base::numeric * v.adj * p.fol * p.boost AS score
      FROM (SELECT p.*, p.time_points + CASE WHEN e.clap THEN ${P.clapPoints} ELSE 0 END + CASE WHEN e.highlight THEN ${P.highlightPoints} ELSE 0 END
                          + CASE WHEN e.reply THEN ${P.replyPoints} ELSE 0 END + CASE WHEN nf.s IS NOT NULL THEN ${P.newFollowPoints} ELSE 0 END AS base,
                   CASE WHEN EXISTS (SELECT 1 FROM follows f WHERE f.follower_key = p.m AND f.followee_key = p.a AND f.followed_at <= p.t0
                                       AND (f.unfollowed_at IS NULL OR f.unfollowed_at > p.t0)) THEN ${P.followerBps} ELSE 10000 END AS fol,
                   CASE WHEN EXISTS (SELECT 1 FROM boosts b WHERE b.story_key = p.s AND b.starts_at <= p.t0 AND b.ends_at > p.t0) THEN ${P.boostBps} ELSE 10000 END AS boost
            FROM pf_pairs p LEFT JOIN pf_engaged e ON e.m = p.m AND e.s = p.s LEFT JOIN pf_new_follow nf ON nf.m = p.m AND nf.s = p.s) p
      JOIN pf_views v ON v.s = p.s`,
    ],
    [
      'member totals',
      `CREATE TEMP TABLE pf_totals AS
      SELECT c.m, c.c, sum(sc.score) AS total FROM pf_contrib c JOIN pf_scored sc ON sc.m = c.m WHERE c.c > 0 GROUP BY c.m, c.c`,
    ],
    ['member totals index', `CREATE UNIQUE INDEX ON pf_totals (m)`],
    [
      'allocation',
      `CREATE TEMP TABLE pf_alloc AS
      SELECT m, s, (q + CASE WHEN place <= c - sum(q) OVER (PARTITION BY m) THEN 1 ELSE 0 END)::bigint AS alloc
      FROM (SELECT sc.m, sc.s, t.c, div(t.c * sc.score, t.total) AS q,
                   row_number() OVER (PARTITION BY sc.m ORDER BY mod(t.c * sc.score, t.total) DESC, sc.story_id COLLATE "C") AS place
            FROM pf_scored sc JOIN pf_totals t ON t.m = sc.m) x`,
    ],
    ['allocation index', `CREATE UNIQUE INDEX ON pf_alloc (m, s)`],
    [
      'stories',
      `CREATE TEMP TABLE pf_stories AS
      SELECT v.s, coalesce(sum(b.alloc), 0)::bigint AS earnings, coalesce(sum(b.a3 - b.engagement), 0)::bigint AS reading_time,
             coalesce(sum(b.engagement), 0)::bigint AS engagement, coalesce(sum(b.rra), 0)::bigint AS read_ratio_adjustment,
             coalesce(sum(b.fb), 0)::bigint AS follower_bonus, coalesce(sum(b.bb), 0)::bigint AS boost_bonus,
             v.views, v.reads, v.adj, coalesce(sum(b.reads), 0)::bigint AS member_reads, coalesce(sum(b.time_points), 0)::bigint AS member_seconds
      FROM pf_views v
      LEFT JOIN (SELECT z.*, z.a3 * (z.base - z.time_points) / z.base AS engagement
                 FROM (SELECT y.*, y.a2 - y.rra AS a3
                       FROM (SELECT x.*, x.a2_ - x.a2_ * 10000 / x.adj AS rra, x.a2_ AS a2
                             FROM (SELECT w.*, w.a1 - w.fb AS a2_
                                   FROM (SELECT u.*, u.alloc - u.bb AS a1, (u.alloc - u.bb) - (u.alloc - u.bb) * 10000 / u.fol AS fb
                                         FROM (SELECT sc.*, coalesce(al.alloc, 0) AS alloc, coalesce(al.alloc, 0) - coalesce(al.alloc, 0) * 10000 / sc.boost AS bb
                                               FROM pf_scored sc LEFT JOIN pf_alloc al ON al.m = sc.m AND al.s = sc.s) u) w) x) y) z) b ON b.s = v.s
      GROUP BY v.s, v.views, v.reads, v.adj`,
    ],
  ];
}

/** Runs the plain implementation on `db`; its story earnings stay in the session's temporary table pf_stories. */
export async function plainFormula(db: pg.Client, period: string): Promise<{ ms: number; steps: [string, number][] }> {
  await db.query(
    `DROP TABLE IF EXISTS pf_contrib, pf_eligible, pf_views, pf_pairs, pf_engaged, pf_new_follow, pf_scored, pf_totals, pf_alloc, pf_stories`,
  );
  await db.query(`SET timezone = 'UTC'`);
  const times: [string, number][] = [];
  const t0 = performance.now();
  for (const [name, sql] of steps(period)) {
    const s0 = performance.now();
    await db.query(sql);
    if (sql.startsWith('CREATE TEMP')) await db.query(`ANALYZE ${/CREATE TEMP TABLE (\w+)/.exec(sql)![1]}`);
    times.push([name, performance.now() - s0]);
  }
  return { ms: performance.now() - t0, steps: times };
}

/** Stories whose earnings, breakdown or statistics differ between the plain implementation and the product's run. */
export async function plainDifferences(db: pg.Client, runId: string): Promise<number> {
  const {
    rows: [{ n }],
  } = await db.query(
    `SELECT count(*)::int AS n FROM pf_stories p FULL JOIN (SELECT * FROM story_earnings WHERE run_id = $1) se ON se.story_key = p.s
     WHERE (p.earnings, p.reading_time, p.engagement, p.read_ratio_adjustment, p.follower_bonus, p.boost_bonus, p.views, p.reads, p.adj,
            p.member_reads, p.member_seconds)
       IS DISTINCT FROM (se.earnings_micros, se.reading_time_micros, se.engagement_micros, se.read_ratio_adjustment_micros,
            se.follower_bonus_micros, se.boost_bonus_micros, se.views::bigint, se.reads::bigint, se.read_ratio_adjustment_bps,
            se.member_reads::bigint, se.member_reading_seconds)`,
    [runId],
  );
  return n;
}
