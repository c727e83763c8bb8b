import { isPeriod, periodBounds as bounds } from '../../../core/src/period/period.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import { sqlInt } from '../../../core/src/database/sql.js';

/**
 * The payout run's SQL, one named step per step of spec/earnings.md. Each step builds an
 * UNLOGGED work table of the run (`CREATE ... AS`, which PostgreSQL may run with parallel
 * workers); the shard and finalize steps read them. Integer keys throughout; money in
 * bigint and, where products exceed 2^63, numeric.
 *
 * Parameters are validated integers and period bounds, inlined as literals: CREATE TABLE AS
 * takes no bind parameters.
 */

export interface RunScope {
  /** Work table prefix, e.g. payout_work.r3f2…_a2_ */
  work: string;
  period: string; // YYYY-MM
  params: EarningsParameters;
  /**
   * An SQL relation with integer columns `m, s`: (member, story) pairs whose sessions and
   * engagements in the period are ineligible (integrity exclusions; what-if runs add more).
   */
  excludedPairs?: string;
  /** The opposite filter: only the excluded pairs' sessions and engagements (exclusion-effects-sql.ts). */
  excludedOnly?: boolean;
  /** Where steps 7 and 9 write (default: the run's tables); a simulation writes its own. */
  results?: ResultTables;
  /** The boost windows step 4 sees (an SQL relation like `boosts`; default: every boost). */
  boosts?: string;
  /** Step 9's openings (an SQL relation: author_key, run_id, amount, returned_ids); default: from the basis run. */
  openings?: string;
  /** The charges step 1 reads (an SQL relation like `charges`; default: every charge). */
  charges?: string;
  /** The follow records steps 4 reads (an SQL relation like `follows`; default: every follow). */
  follows?: string;
  /**
   * The instants whose sessions, engagements and first follows steps 2–4 read (default: the
   * period's bounds); the month-to-date estimates aggregate one UTC day of the period at a time.
   */
  window?: { start: string; end: string };
  /**
   * A part of the month (money at stake, exclusion-impact-sql.ts): only the members `(m)` and
   * the read ratios of the stories `(s)`, reading `sessions` and `engagements` (relations
   * holding at least the part's rows of P). Exact for those members when `stories` holds every
   * story they read in P: step 5 divides each member's contribution over their own pairs.
   */
  part?: { members: string; stories: string; sessions: string; engagements: string };
}

/** The tables of steps 7 and 9 and their owner column (a run's, or a simulation's). */
export interface ResultTables {
  storyEarnings: string;
  statements: string;
  owner: string;
}

export const RUN_RESULTS: ResultTables = { storyEarnings: 'story_earnings', statements: 'statements', owner: 'run_id' };

const int = sqlInt;

export function periodBounds(period: string): { start: string; end: string; firstDay: string } {
  if (!isPeriod(period)) throw new Error(`bad period ${period}`);
  const { startIso, endIso } = bounds(period);
  return { start: `'${startIso}'::timestamptz`, end: `'${endIso}'::timestamptz`, firstDay: `DATE '${period}-01'` };
}

/** `AND <column> IN` the part's members (`m`) or stories (`s`); nothing for a whole month. */
function inPart(s: RunScope, column: string, of: 'members' | 'stories'): string {
  return s.part ? `AND ${column} IN (SELECT pt.${of === 'members' ? 'm' : 's'} FROM ${s.part[of]} pt)` : '';
}

/** The instants steps 2–4 read: the scope's window, else its period. */
function windowOf(s: RunScope): { start: string; end: string } {
  return s.window ?? periodBounds(s.period);
}

export const t = (scope: RunScope, name: string) => `${scope.work}${name}`;

/** The period's live (unrevoked) exclusions as a relation `(m, s)`: what the real run passes as `excludedPairs`. */
export function liveExclusionsSql(period: string): string {
  if (!isPeriod(period)) throw new Error(`bad period ${period}`);
  return `(SELECT member_key AS m, story_key AS s FROM earnings_exclusions WHERE period = '${period}' AND revoked_at IS NULL)`;
}

/** `AND NOT <member, story> excluded` (`excludedOnly`: `AND` excluded), for a row's member and story columns. */
function notExcluded(s: RunScope, member: string, story: string): string {
  if (!s.excludedPairs) return '';
  return `AND ${s.excludedOnly ? '' : 'NOT '}EXISTS (SELECT 1 FROM ${s.excludedPairs} xp WHERE xp.m = ${member} AND xp.s = ${story})`;
}

/** Step 1: each member's contribution to P (every member with a paid charge has a row, maybe 0). */
export function stepContributions(s: RunScope): string {
  const { firstDay } = periodBounds(s.period);
  const share = int(s.params.writerShareBps);
  return `CREATE UNLOGGED TABLE ${t(s, 'contributions')} AS
    SELECT c.member_key AS m,
           sum(CASE
                 WHEN c.plan = 'monthly' AND c.covers_from = ${firstDay} THEN c.net_cents * 10000 * ${share} / 10000
                 WHEN c.plan = 'annual' AND k.k BETWEEN 0 AND 11 THEN
                   ((c.net_cents * 10000) / 12 + CASE WHEN k.k < (c.net_cents * 10000) % 12 THEN 1 ELSE 0 END) * ${share} / 10000
                 ELSE 0
               END)::bigint AS contribution
    FROM ${s.charges ?? 'charges'} c
    CROSS JOIN LATERAL (
      SELECT ((extract(year FROM ${firstDay}) - extract(year FROM c.covers_from)) * 12
             + extract(month FROM ${firstDay}) - extract(month FROM c.covers_from))::int AS k
    ) k
    WHERE c.status = 'paid' ${inPart(s, 'c.member_key', 'members')}
    GROUP BY c.member_key`;
}

/**
 * Step 2 (conditions 3 and 5): membership and enrollment intervals meeting P, per person,
 * as multiranges (an empty interval, end <= start, covers nothing).
 */
export function stepCoverage(s: RunScope): string[] {
  return [...stepCover(s), stepStoryRank(s)];
}

/** Step 2's member and author cover tables (of stepCoverage) alone. */
export function stepCover(s: RunScope): string[] {
  const { start, end } = windowOf(s);
  return [
    `CREATE UNLOGGED TABLE ${t(s, 'member_cover')} AS
       SELECT ms.member_key AS m, range_agg(tstzrange(ms.started_at, ms.ended_at, '[)')) AS cover
       FROM memberships ms JOIN members mb ON mb.key = ms.member_key AND NOT mb.earnings_excluded
       WHERE ms.started_at < ${end} AND (ms.ended_at IS NULL OR (ms.ended_at > ${start} AND ms.ended_at > ms.started_at))
         ${inPart(s, 'ms.member_key', 'members')}
       GROUP BY ms.member_key`,
    `CREATE UNLOGGED TABLE ${t(s, 'author_cover')} AS
       SELECT e.member_key AS a, range_agg(tstzrange(e.enrolled_at, e.left_at, '[)')) AS cover
       FROM enrollments e
       WHERE e.enrolled_at < ${end} AND (e.left_at IS NULL OR (e.left_at > ${start} AND e.left_at > e.enrolled_at))
       GROUP BY e.member_key`,
  ];
}

/** Every story's place in byte-wise id order (step 5's tie-break). */
export function stepStoryRank(s: RunScope): string {
  return `CREATE UNLOGGED TABLE ${t(s, 'story_rank')} AS
       SELECT key AS s, author_key AS a, row_number() OVER (ORDER BY id COLLATE "C")::int AS rk FROM stories
       WHERE true ${inPart(s, 'key', 'stories')}`; // a part's ranks keep the order: all step 5 reads
}

/**
 * Step 3: views and reads of each story in P by anyone but its author, and the read-ratio
 * adjustment. An excluded pair's sessions are no views or reads either (docs/decisions.md).
 */
export function stepReadRatio(s: RunScope): string {
  return readRatioOver(s, storyViewCounts(s));
}

/**
 * Step 3's counts: `(s, views, reads)` per story from the sessions of the scope's window;
 * `perReader`: `(m, s, views, reads)` per logged-in reader and story instead.
 */
export function storyViewCounts(s: RunScope, perReader = false): string {
  const { start, end } = windowOf(s);
  return `SELECT ${perReader ? 'se.reader_key AS m, ' : ''}se.story_key AS s, count(*)::int AS views,
             count(*) FILTER (WHERE se.active_seconds >= ${int(s.params.qualifiedReadSeconds)})::int AS reads
      FROM ${s.part?.sessions ?? 'sessions'} se JOIN stories st ON st.key = se.story_key
      WHERE se.started_at >= ${start} AND se.started_at < ${end} ${inPart(s, 'se.story_key', 'stories')}
        AND ${perReader ? 'se.reader_key <> st.author_key' : '(se.reader_key IS NULL OR se.reader_key <> st.author_key)'}
        ${notExcluded(s, 'se.reader_key', 'se.story_key')}
      GROUP BY ${perReader ? 'se.reader_key, ' : ''}se.story_key`;
}

/** Step 3's adjustment over a relation of counts `(s, views, reads)`: the work table `story_views`. */
export function readRatioOver(s: RunScope, counts: string): string {
  const p = s.params;
  return `CREATE UNLOGGED TABLE ${t(s, 'story_views')} AS
    SELECT v.s, v.views, v.reads,
           greatest(${int(p.readRatioMinBps)}, least(${int(p.readRatioMaxBps)},
             ${int(p.readRatioOffsetBps)} + CASE WHEN v.views = 0 THEN 0 ELSE (10000 * v.reads) / v.views END))::int AS adj_bps
    FROM (${counts}) v`;
}

/**
 * Step 2's five conditions (and: the pair is not excluded), over sessions `se` joined to
 * stories `st`, member cover `mc`, author cover `ac`.
 */
function eligibleSessions(s: RunScope, extraJoin = '', extraWhere = ''): string {
  const { start, end } = windowOf(s);
  return `FROM ${s.part?.sessions ?? 'sessions'} se
      JOIN stories st ON st.key = se.story_key AND st.members_only
      ${extraJoin}
      JOIN ${t(s, 'member_cover')} mc ON mc.m = se.reader_key
      JOIN ${t(s, 'author_cover')} ac ON ac.a = st.author_key
      WHERE se.started_at >= ${start} AND se.started_at < ${end}
        AND se.active_seconds >= ${int(s.params.qualifiedReadSeconds)}
        AND se.reader_key <> st.author_key
        AND mc.cover @> se.started_at AND ac.cover @> se.started_at ${notExcluded(s, 'se.reader_key', 'se.story_key')} ${extraWhere}`;
}

/** Steps 2 and 4: the pairs (M, S) with their capped time points, eligible session count, t0 and latest start. */
export function stepPairs(s: RunScope): string {
  return `CREATE UNLOGGED TABLE ${t(s, 'pair_sessions')} AS
    SELECT se.reader_key AS m, se.story_key AS s, st.author_key AS a,
           sum(least(se.active_seconds, ${int(s.params.sessionCapSeconds)}))::bigint AS time_points,
           count(*)::int AS member_reads, min(se.started_at) AS t0, max(se.started_at) AS t_last
    ${eligibleSessions(s)}
    GROUP BY se.reader_key, se.story_key, st.author_key`;
}

/**
 * Step 4, new follow: the earliest follow record of M → A (by followedAt, then id); when it
 * lies in P, the pair of M with A whose eligible session started latest at or before it
 * (ties: smallest story id) is credited. `perStory`: every story's latest such session
 * instead (the estimates' days keep the candidates, since an exclusion may drop the credited one).
 */
export function stepNewFollows(s: RunScope, perStory = false): string[] {
  const { start, end } = windowOf(s);
  const story = perStory ? ', se.story_key' : '';
  return [
    `CREATE UNLOGGED TABLE ${t(s, 'first_follows')} AS
       SELECT follower_key AS m, followee_key AS a, min(followed_at) AS followed_at
       FROM ${s.follows ?? 'follows'} fo WHERE followed_at < ${end} ${inPart(s, 'follower_key', 'members')} GROUP BY follower_key, followee_key
       HAVING min(followed_at) >= ${start} AND min(followed_at) < ${end}`,
    `CREATE UNLOGGED TABLE ${t(s, 'new_follows')} AS
       SELECT DISTINCT ON (se.reader_key, st.author_key${story}) se.reader_key AS m, se.story_key AS s, st.author_key AS a,
              ff.followed_at, se.started_at
       ${eligibleSessions(s, `JOIN ${t(s, 'first_follows')} ff ON ff.m = se.reader_key AND ff.a = st.author_key`, 'AND se.started_at <= ff.followed_at')}
       ORDER BY se.reader_key, st.author_key${story}, se.started_at DESC, st.id COLLATE "C" ASC`,
  ];
}

/** Step 4: engagement kinds, follower and boost multipliers at t0, adjBps: everything a pair's score needs. */
export function stepPairFacts(s: RunScope): string[] {
  return [stepEngaged(s), stepPairTable(s)];
}

/** Step 4: the engagement kinds of each (member, story) in the scope's window. */
export function stepEngaged(s: RunScope): string {
  const { start, end } = windowOf(s);
  return `CREATE UNLOGGED TABLE ${t(s, 'engaged')} AS
       SELECT e.member_key AS m, e.story_key AS s,
              bool_or(e.kind = 'clap') AS clap, bool_or(e.kind = 'highlight') AS highlight, bool_or(e.kind = 'reply') AS reply
       FROM ${s.part?.engagements ?? 'engagements'} e
       WHERE e.occurred_at >= ${start} AND e.occurred_at < ${end} ${inPart(s, 'e.member_key', 'members')} ${notExcluded(s, 'e.member_key', 'e.story_key')}
       GROUP BY e.member_key, e.story_key`;
}

/**
 * Step 4: the work table `pairs` from `pair_sessions`, `story_views`, `engaged` and `new_follows`.
 * Follower and boosted at t0 are hash semi-joins over all pairs at once (DISTINCT: a pair may
 * meet several follow records or boosts); a correlated EXISTS per pair cost a lookup per pair.
 */
export function stepPairTable(s: RunScope): string {
  const ps = t(s, 'pair_sessions');
  return `CREATE UNLOGGED TABLE ${t(s, 'pairs')} AS
       SELECT p.m, p.s, p.a, p.time_points, p.member_reads, p.t0,
              coalesce(e.clap, false) AS clap, coalesce(e.highlight, false) AS highlight, coalesce(e.reply, false) AS reply,
              (nf.s IS NOT NULL) AS new_follow, (fl.s IS NOT NULL) AS follower, (bo.s IS NOT NULL) AS boosted,
              sv.adj_bps
       FROM ${ps} p
       JOIN ${t(s, 'story_views')} sv ON sv.s = p.s
       LEFT JOIN ${t(s, 'engaged')} e ON e.m = p.m AND e.s = p.s
       LEFT JOIN ${t(s, 'new_follows')} nf ON nf.m = p.m AND nf.s = p.s
       LEFT JOIN (SELECT DISTINCT fp.m, fp.s FROM ${ps} fp JOIN ${s.follows ?? 'follows'} f ON f.follower_key = fp.m AND f.followee_key = fp.a
                  WHERE f.followed_at <= fp.t0 AND (f.unfollowed_at IS NULL OR f.unfollowed_at > fp.t0)) fl ON fl.m = p.m AND fl.s = p.s
       LEFT JOIN (SELECT DISTINCT bp.m, bp.s FROM ${ps} bp JOIN ${s.boosts ?? 'boosts'} b ON b.story_key = bp.s
                  WHERE b.starts_at <= bp.t0 AND b.ends_at > bp.t0) bo ON bo.m = p.m AND bo.s = p.s`;
}

/** Where shards write: per shard, story partial sums and member totals (a shard replaces its own rows). */
export function stepShardTables(s: RunScope): string[] {
  return [
    `CREATE UNLOGGED TABLE ${t(s, 'story_parts')} (
       shard int NOT NULL, s int NOT NULL, earnings bigint NOT NULL, reading_time bigint NOT NULL, engagement bigint NOT NULL,
       read_ratio_adjustment bigint NOT NULL, follower_bonus bigint NOT NULL, boost_bonus bigint NOT NULL,
       member_reads bigint NOT NULL, member_seconds bigint NOT NULL, clappers int NOT NULL, highlighters int NOT NULL,
       repliers int NOT NULL, new_follows int NOT NULL, follower_readers int NOT NULL, boosted_readers int NOT NULL)`,
    `CREATE UNLOGGED TABLE ${t(s, 'member_parts')} (
       shard int PRIMARY KEY, members int NOT NULL, contributed bigint NOT NULL,
       allocated bigint NOT NULL, unallocated bigint NOT NULL)`,
  ];
}

/** Step 4's score: the pairs of table `pairs` (where `where`) with base, fol_bps, boost_bps and score. */
export function scoredPairs(s: RunScope, pairs: string, where: string): string {
  const p = s.params;
  return `SELECT sc.*, sc.base::numeric * sc.adj_bps * sc.fol_bps * sc.boost_bps AS score FROM (
      SELECT pr.*,
             (pr.time_points + CASE WHEN pr.clap THEN ${int(p.clapPoints)} ELSE 0 END
                             + CASE WHEN pr.highlight THEN ${int(p.highlightPoints)} ELSE 0 END
                             + CASE WHEN pr.reply THEN ${int(p.replyPoints)} ELSE 0 END
                             + CASE WHEN pr.new_follow THEN ${int(p.newFollowPoints)} ELSE 0 END)::bigint AS base,
             CASE WHEN pr.follower THEN ${int(p.followerBps)} ELSE 10000 END AS fol_bps,
             CASE WHEN pr.boosted THEN ${int(p.boostBps)} ELSE 10000 END AS boost_bps
      FROM ${pairs} pr WHERE ${where}) sc`;
}

/**
 * Steps 4 (score), 5 (allocation with the largest-remainder rule), 6 (breakdown) and 7
 * (statistics) for the members of one shard (member key mod shards).
 */
export function stepShard(s: RunScope, shard: number): string {
  const p = s.params;
  const n = int(p.shards);
  const k = int(shard);
  return `WITH with_score AS (${scoredPairs(s, t(s, 'pairs'), `pr.m % ${n} = ${k}`)}
    ), member_totals AS (
      SELECT c.m, c.contribution, coalesce(sum(w.score), 0) AS total
      FROM ${t(s, 'contributions')} c LEFT JOIN with_score w ON w.m = c.m
      WHERE c.m % ${n} = ${k}
      GROUP BY c.m, c.contribution
    ), shares AS (
      SELECT w.*, mt.contribution AS c, mt.total,
             div(mt.contribution * w.score, mt.total)::bigint AS q,
             mod(mt.contribution * w.score, mt.total) AS rest
      FROM with_score w JOIN member_totals mt ON mt.m = w.m AND mt.contribution > 0 AND mt.total > 0
    ), ranked AS (
      SELECT sh.*, sh.c - sum(sh.q) OVER (PARTITION BY sh.m) AS remainder,
             row_number() OVER (PARTITION BY sh.m ORDER BY sh.rest DESC, r.rk) AS place
      FROM shares sh JOIN ${t(s, 'story_rank')} r ON r.s = sh.s
    ), allocated AS (
      SELECT rk.m, rk.s, rk.q + CASE WHEN rk.place <= rk.remainder THEN 1 ELSE 0 END AS alloc FROM ranked rk
    ), peel AS (                                   -- step 6, in the spec's fixed order
      SELECT w.*, coalesce(al.alloc, 0) AS alloc,
             coalesce(al.alloc, 0) - coalesce(al.alloc, 0) * 10000 / w.boost_bps AS boost_bonus
      FROM with_score w LEFT JOIN allocated al ON al.m = w.m AND al.s = w.s
    ), peel1 AS (
      SELECT pe.*, (pe.alloc - pe.boost_bonus) - (pe.alloc - pe.boost_bonus) * 10000 / pe.fol_bps AS follower_bonus FROM peel pe
    ), peel2 AS (
      SELECT p1.*, (p1.alloc - p1.boost_bonus - p1.follower_bonus)
                 - (p1.alloc - p1.boost_bonus - p1.follower_bonus) * 10000 / p1.adj_bps AS read_ratio_adjustment
      FROM peel1 p1
    ), peel3 AS (
      SELECT p2.*, CASE WHEN p2.base = 0 THEN 0 ELSE
               (p2.alloc - p2.boost_bonus - p2.follower_bonus - p2.read_ratio_adjustment) * (p2.base - p2.time_points) / p2.base END AS engagement
      FROM peel2 p2
    ), story_rows AS (
      INSERT INTO ${t(s, 'story_parts')}
      SELECT ${k}, p3.s, sum(p3.alloc), sum(p3.alloc - p3.boost_bonus - p3.follower_bonus - p3.read_ratio_adjustment - p3.engagement),
             sum(p3.engagement), sum(p3.read_ratio_adjustment), sum(p3.follower_bonus), sum(p3.boost_bonus),
             sum(p3.member_reads), sum(p3.time_points),
             count(*) FILTER (WHERE p3.clap), count(*) FILTER (WHERE p3.highlight), count(*) FILTER (WHERE p3.reply),
             count(*) FILTER (WHERE p3.new_follow), count(*) FILTER (WHERE p3.follower), count(*) FILTER (WHERE p3.boosted)
      FROM peel3 p3 GROUP BY p3.s
    )
    INSERT INTO ${t(s, 'member_parts')}
    SELECT ${k}, count(*), coalesce(sum(mt.contribution), 0),
           coalesce(sum(mt.contribution) FILTER (WHERE mt.total > 0), 0),
           coalesce(sum(mt.contribution) FILTER (WHERE mt.total = 0), 0)
    FROM member_totals mt`;
}

/** Step 7 and the story sums: one row per story with views or pairs in P. */
export function stepStoryEarnings(s: RunScope, runId: string): string {
  const r = s.results ?? RUN_RESULTS;
  return `INSERT INTO ${r.storyEarnings} (${r.owner}, story_key, author_key, earnings_micros, reading_time_micros, engagement_micros,
       read_ratio_adjustment_micros, follower_bonus_micros, boost_bonus_micros, views, reads, read_ratio_adjustment_bps,
       member_reads, member_reading_seconds, clappers, highlighters, repliers, new_follows, follower_readers, boosted_readers)
     SELECT '${runId}', r.s, r.a, coalesce(sp.earnings, 0), coalesce(sp.reading_time, 0), coalesce(sp.engagement, 0),
            coalesce(sp.read_ratio_adjustment, 0), coalesce(sp.follower_bonus, 0), coalesce(sp.boost_bonus, 0),
            sv.views, sv.reads, sv.adj_bps, coalesce(sp.member_reads, 0), coalesce(sp.member_seconds, 0),
            coalesce(sp.clappers, 0), coalesce(sp.highlighters, 0), coalesce(sp.repliers, 0), coalesce(sp.new_follows, 0),
            coalesce(sp.follower_readers, 0), coalesce(sp.boosted_readers, 0)
     FROM ${t(s, 'story_views')} sv
     JOIN ${t(s, 'story_rank')} r ON r.s = sv.s
     LEFT JOIN (
       SELECT s, sum(earnings) AS earnings, sum(reading_time) AS reading_time, sum(engagement) AS engagement,
              sum(read_ratio_adjustment) AS read_ratio_adjustment, sum(follower_bonus) AS follower_bonus,
              sum(boost_bonus) AS boost_bonus, sum(member_reads) AS member_reads, sum(member_seconds) AS member_seconds,
              sum(clappers) AS clappers, sum(highlighters) AS highlighters, sum(repliers) AS repliers,
              sum(new_follows) AS new_follows, sum(follower_readers) AS follower_readers, sum(boosted_readers) AS boosted_readers
       FROM ${t(s, 'story_parts')} GROUP BY s
     ) sp ON sp.s = sv.s`;
}
