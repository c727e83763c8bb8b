import { sqlInt } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import { type RunScope, stepCover, stepEngaged, stepNewFollows, stepPairs, storyViewCounts, t } from '../run/earnings-sql.js';

/**
 * One UTC day's month-to-date aggregates: the engine's steps 2–4 run over a window of that
 * day only (earnings-sql.ts), then stored per day. Every fact is a sum, count, minimum or
 * maximum over the day's sessions, so the days of a month add up to the month exactly.
 */

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const isDay = (day: string) => DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/** The scope of one day: the day's period, its window, the current parameters. */
export function dayScope(work: string, day: string, params: EarningsParameters): RunScope {
  if (!isDay(day)) throw new Error(`bad day ${day}`);
  const start = `'${day}T00:00:00Z'::timestamptz`;
  return { work, period: day.slice(0, 7), params, window: { start, end: `(${start} + interval '1 day')` } };
}

/** The engine's work tables for the day (cover, pairs, first follows with each story's candidate session, engagements). */
export const dayWorkSteps = (s: RunScope): string[] => [...stepCover(s), stepPairs(s), ...stepNewFollows(s, true), stepEngaged(s)];

/** The day's stored aggregates replaced from the work tables (in the caller's transaction). */
export function dayStoreSteps(s: RunScope, day: string): string[] {
  const d = `DATE '${day}'`;
  return [
    ...['estimate_pair_days', 'estimate_story_days', 'estimate_engagement_days', 'estimate_follow_days'].map(
      (table) => `DELETE FROM ${table} WHERE day = ${d}`,
    ),
    // every eligible session is a view by a logged-in reader who is not the author: pairs ⊆ reader views
    `INSERT INTO estimate_pair_days (day, member_key, story_key, author_key, views, reads, time_points, member_reads, t0, t_last)
     SELECT ${d}, rv.m, rv.s, st.author_key, rv.views, rv.reads, ps.time_points, coalesce(ps.member_reads, 0), ps.t0, ps.t_last
     FROM (${storyViewCounts(s, true)}) rv
     JOIN stories st ON st.key = rv.s
     LEFT JOIN ${t(s, 'pair_sessions')} ps ON ps.m = rv.m AND ps.s = rv.s`,
    `INSERT INTO estimate_story_days (day, story_key, views, reads) SELECT ${d}, v.s, v.views, v.reads FROM (${storyViewCounts(s)}) v`,
    `INSERT INTO estimate_engagement_days (day, member_key, story_key, clap, highlight, reply)
     SELECT ${d}, m, s, clap, highlight, reply FROM ${t(s, 'engaged')}`,
    `INSERT INTO estimate_follow_days (day, member_key, author_key, followed_at, story_key, started_at)
     SELECT ${d}, m, a, followed_at, s, started_at FROM ${t(s, 'new_follows')}`,
    `INSERT INTO estimate_days (day, period, aggregated_at, qualified_read_seconds, session_cap_seconds, views)
     SELECT ${d}, '${s.period}', now(), ${sqlInt(s.params.qualifiedReadSeconds)}, ${sqlInt(s.params.sessionCapSeconds)},
            (SELECT coalesce(sum(views), 0)::int FROM estimate_story_days WHERE day = ${d})
     ON CONFLICT (day) DO UPDATE SET aggregated_at = EXCLUDED.aggregated_at, qualified_read_seconds = EXCLUDED.qualified_read_seconds,
       session_cap_seconds = EXCLUDED.session_cap_seconds, views = EXCLUDED.views`,
    `DELETE FROM estimate_dirty_days WHERE day = ${d}`,
  ];
}
