import { sqlInt } from '../../../core/src/database/sql.js';
import {
  type RunScope,
  liveExclusionsSql,
  periodBounds,
  readRatioOver,
  stepContributions,
  stepNewFollows,
  stepPairTable,
  stepShard,
  stepShardTables,
  stepStoryRank,
  t,
} from '../run/earnings-sql.js';

/**
 * A month-to-date estimate from the day aggregates (estimate-days-sql.ts): the engine's work
 * tables of steps 1–4 built from the period's days instead of its sessions, restricted to
 * the members who read the estimated stories, then the engine's own steps 4–7 (one shard).
 * Exact for those stories: step 5 divides each member's contribution over that member's
 * own pairs, and every pair of every such member is here.
 */

/** Whose stories are estimated: one author's, one story's, or every story of the period. */
export type EstimateTarget = { authorKey: number } | { storyKey: number } | 'all';

const int = sqlInt;

/** The period's days, as a condition on a `day` column. */
function inPeriod(s: RunScope, alias: string): string {
  const { firstDay } = periodBounds(s.period);
  return `${alias}.day >= ${firstDay} AND ${alias}.day < ${firstDay} + interval '1 month'`;
}

/** The pair (member, story columns) is not excluded for the period. */
const notExcluded = (s: RunScope, m: string, st: string) =>
  `NOT EXISTS (SELECT 1 FROM ${liveExclusionsSql(s.period)} xp WHERE xp.m = ${m} AND xp.s = ${st})`;

/** The pair-days of the target; a story's through its author too, which the day-led (day, author_key) index serves. */
export function targetCondition(target: EstimateTarget): string {
  if (target === 'all') return 'true';
  if ('authorKey' in target) return `pd.author_key = ${int(target.authorKey)}`;
  const story = int(target.storyKey);
  return `pd.author_key = (SELECT author_key FROM stories WHERE key = ${story}) AND pd.story_key = ${story}`;
}

/** The work tables, in order; then `stepShard(s, 0)` and the story rows (`estimateStoriesSql`). */
export function estimateSteps(s: RunScope, target: EstimateTarget): string[] {
  const eligible = (alias: string) =>
    `${inPeriod(s, alias)} AND ${alias}.time_points IS NOT NULL AND ${notExcluded(s, `${alias}.member_key`, `${alias}.story_key`)}`;
  const readers = `(SELECT m FROM ${t(s, 'readers')})`;
  const followDay = `(ff.followed_at AT TIME ZONE 'UTC')::date`;
  return [
    `CREATE UNLOGGED TABLE ${t(s, 'readers')} AS
       SELECT DISTINCT pd.member_key AS m FROM estimate_pair_days pd WHERE ${eligible('pd')} AND ${targetCondition(target)}`,
    `CREATE UNLOGGED TABLE ${t(s, 'pair_sessions')} AS
       SELECT pd.member_key AS m, pd.story_key AS s, pd.author_key AS a, sum(pd.time_points)::bigint AS time_points,
              sum(pd.member_reads)::int AS member_reads, min(pd.t0) AS t0, max(pd.t_last) AS t_last
       FROM estimate_pair_days pd WHERE pd.member_key IN ${readers} AND ${eligible('pd')}
       GROUP BY pd.member_key, pd.story_key, pd.author_key`,
    // step 3's counts of the pairs' stories: every view of the days, less those of excluded pairs
    readRatioOver(
      s,
      `SELECT v.s, (v.views - coalesce(x.views, 0))::int AS views, (v.reads - coalesce(x.reads, 0))::int AS reads
       FROM (SELECT sd.story_key AS s, sum(sd.views) AS views, sum(sd.reads) AS reads FROM estimate_story_days sd
             WHERE ${inPeriod(s, 'sd')} AND sd.story_key IN (SELECT DISTINCT s FROM ${t(s, 'pair_sessions')}) GROUP BY sd.story_key) v
       LEFT JOIN (SELECT pd.story_key AS s, sum(pd.views) AS views, sum(pd.reads) AS reads FROM estimate_pair_days pd
                  JOIN ${liveExclusionsSql(s.period)} xp ON xp.m = pd.member_key AND xp.s = pd.story_key
                  WHERE ${inPeriod(s, 'pd')} GROUP BY pd.story_key) x ON x.s = v.s`,
    ),
    `CREATE UNLOGGED TABLE ${t(s, 'engaged')} AS
       SELECT ed.member_key AS m, ed.story_key AS s, bool_or(ed.clap) AS clap, bool_or(ed.highlight) AS highlight, bool_or(ed.reply) AS reply
       FROM estimate_engagement_days ed
       WHERE ed.member_key IN ${readers} AND ${inPeriod(s, 'ed')} AND ${notExcluded(s, 'ed.member_key', 'ed.story_key')}
       GROUP BY ed.member_key, ed.story_key`,
    stepNewFollows(s)[0]!, // first_follows: the engine's rule over the readers' follow records
    // the credited pair: the follow day's latest non-excluded candidate (one per story) at or before it, else the latest of the days before
    `CREATE UNLOGGED TABLE ${t(s, 'new_follows')} AS
       SELECT DISTINCT ON (c.m, c.a) c.m, c.s FROM (
         SELECT ff.m, ff.a, fd.story_key AS s, fd.started_at AS at
         FROM ${t(s, 'first_follows')} ff
         JOIN estimate_follow_days fd ON fd.day = ${followDay} AND fd.member_key = ff.m AND fd.author_key = ff.a
                                      AND fd.followed_at = ff.followed_at AND ${notExcluded(s, 'fd.member_key', 'fd.story_key')}
         UNION ALL
         SELECT ff.m, ff.a, pd.story_key, pd.t_last
         FROM ${t(s, 'first_follows')} ff
         JOIN estimate_pair_days pd ON pd.member_key = ff.m AND pd.author_key = ff.a AND pd.day < ${followDay} AND ${eligible('pd')}
       ) c JOIN stories st ON st.key = c.s
       ORDER BY c.m, c.a, c.at DESC, st.id COLLATE "C" ASC`,
    stepContributions(s),
    stepStoryRank(s),
    stepPairTable(s),
    ...stepShardTables(s),
    stepShard(s, 0),
  ];
}

/** The relations an estimate's scope reads instead of whole tables: the readers' charges and follows. */
export function estimateInputs(work: string): Pick<RunScope, 'charges' | 'follows'> {
  const readers = `(SELECT m FROM ${work}readers)`;
  return {
    charges: `(SELECT * FROM charges WHERE member_key IN ${readers})`,
    follows: `(SELECT * FROM follows WHERE follower_key IN ${readers})`,
  };
}

/** The estimated stories' figures (the target's stories with pairs), with public ids. */
export function estimateStoriesSql(s: RunScope, target: EstimateTarget): string {
  const where =
    target === 'all' ? 'true' : 'authorKey' in target ? `st.author_key = ${int(target.authorKey)}` : `st.key = ${int(target.storyKey)}`;
  return `SELECT st.id AS "storyId", au.id AS "authorId", sp.earnings::text AS "earningsMicros", sp.reading_time::text AS "readingTimeMicros",
                 sp.engagement::text AS "engagementMicros", sp.read_ratio_adjustment::text AS "readRatioAdjustmentMicros",
                 sp.follower_bonus::text AS "followerBonusMicros", sp.boost_bonus::text AS "boostBonusMicros",
                 sv.views, sv.reads, sp.member_reads::int AS "memberReads"
          FROM ${t(s, 'story_parts')} sp
          JOIN stories st ON st.key = sp.s JOIN members au ON au.key = st.author_key
          JOIN ${t(s, 'story_views')} sv ON sv.s = sp.s
          WHERE ${where}
          ORDER BY st.id COLLATE "C"`;
}
