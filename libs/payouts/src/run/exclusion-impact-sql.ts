import { sqlInt } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import {
  type RunScope,
  periodBounds,
  stepContributions,
  stepCoverage,
  stepNewFollows,
  stepPairFacts,
  stepPairs,
  stepReadRatio,
  stepShard,
  stepShardTables,
  t,
} from './earnings-sql.js';

/**
 * What excluding a group of (member, story) pairs would change, with the run's own steps
 * (docs/decisions.md, "Integrity: money at stake"). Excluding a pair changes its member's
 * pairs and the read ratio of its story (an excluded session is no view either), so the
 * members whose allocation can move are the group's members and every reader of the group's
 * stories in P; nobody else's pairs change (step 5 divides each member's contribution over
 * their own pairs). The engine runs twice over that part of the month — the period's other
 * live exclusions, then those plus the group — and the difference per story is exact. (Only
 * qualified sessions make pairs, so only readers with one on the group's stories, and the
 * stories they read qualified, are needed.)
 *
 * Work tables under `work` (a payout_work prefix): `groups (n, ref, m, s)` comes from the
 * caller; the period's sessions and engagements of every group's part are copied once, then each
 * group's own part (both sides read it several times).
 */
export interface ImpactWork {
  work: string;
  period: string;
  params: EarningsParameters;
}

export const w = (x: ImpactWork, name: string) => `${x.work}${name}`;

/** The period's readers and stories around every group, and their sessions and engagements (once per job). */
export function stepImpactParts(x: ImpactWork): string[] {
  const { start, end } = periodBounds(x.period);
  const inP = (col: string) => `${col} >= ${start} AND ${col} < ${end}`;
  // a member's pairs need qualified sessions: shorter ones make no pair, so they move nothing but views
  const qualified = `se.active_seconds >= ${sqlInt(x.params.qualifiedReadSeconds)}`;
  return [
    `CREATE UNLOGGED TABLE ${w(x, 'live')} AS
       SELECT member_key AS m, story_key AS s, decision_ref AS ref FROM earnings_exclusions WHERE period = '${x.period}' AND revoked_at IS NULL`,
    `CREATE UNLOGGED TABLE ${w(x, 'members')} AS
       SELECT DISTINCT g.n, se.reader_key AS m FROM sessions se JOIN (SELECT DISTINCT n, s FROM ${w(x, 'groups')}) g ON g.s = se.story_key
       WHERE ${inP('se.started_at')} AND se.reader_key IS NOT NULL AND ${qualified}
       UNION SELECT n, m FROM ${w(x, 'groups')}`,
    `CREATE UNLOGGED TABLE ${w(x, 'stories')} AS
       SELECT DISTINCT gm.n, se.story_key AS s FROM sessions se JOIN ${w(x, 'members')} gm ON gm.m = se.reader_key
       WHERE ${inP('se.started_at')} AND ${qualified}
       UNION SELECT n, s FROM ${w(x, 'groups')}`,
    `CREATE UNLOGGED TABLE ${w(x, 'sessions')} AS
       SELECT se.* FROM sessions se WHERE ${inP('se.started_at')} AND se.story_key IN (SELECT s FROM ${w(x, 'stories')})`,
    `CREATE UNLOGGED TABLE ${w(x, 'engagements')} AS
       SELECT e.* FROM engagements e WHERE ${inP('e.occurred_at')} AND e.member_key IN (SELECT m FROM ${w(x, 'members')})`,
    `CREATE UNLOGGED TABLE ${w(x, 'impact')} (n int NOT NULL, s int NOT NULL, author_key int NOT NULL, delta bigint NOT NULL)`,
    `CREATE UNLOGGED TABLE ${w(x, 'impact_totals')} (n int PRIMARY KEY, unallocated_delta bigint NOT NULL)`,
  ];
}

const group = (n: number): number => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad group ${n}`);
  return n;
};

/** Group `n`'s own sessions and engagements (both sides read them several times: a part, not the union). */
export function stepGroupParts(x: ImpactWork, n: number): string[] {
  const g = group(n);
  return [
    `CREATE UNLOGGED TABLE ${x.work}g${g}_sessions AS
       SELECT se.* FROM ${w(x, 'sessions')} se WHERE se.story_key IN (SELECT s FROM ${w(x, 'stories')} WHERE n = ${g})`,
    `CREATE UNLOGGED TABLE ${x.work}g${g}_engagements AS
       SELECT e.* FROM ${w(x, 'engagements')} e WHERE e.member_key IN (SELECT m FROM ${w(x, 'members')} WHERE n = ${g})`,
  ];
}

/** The engine's scopes of group `n`: without it (the other live exclusions) and with it. */
export function groupScopes(x: ImpactWork, n: number): { without: RunScope; with: RunScope } {
  const g = group(n);
  const others = `(SELECT l.m, l.s FROM ${w(x, 'live')} l WHERE l.ref IS DISTINCT FROM (SELECT min(ref) FROM ${w(x, 'groups')} WHERE n = ${g}))`;
  const part = {
    members: `(SELECT m FROM ${w(x, 'members')} WHERE n = ${g})`,
    stories: `(SELECT s FROM ${w(x, 'stories')} WHERE n = ${g})`,
    sessions: `${x.work}g${g}_sessions`,
    engagements: `${x.work}g${g}_engagements`,
  };
  // one shard: a part is small, and shards never change a member's allocation
  const params = { ...x.params, shards: 1 };
  const base = { period: x.period, params, part };
  return {
    without: { ...base, work: `${x.work}g${g}o_`, excludedPairs: others },
    with: { ...base, work: `${x.work}g${g}x_`, excludedPairs: `(${others} UNION SELECT m, s FROM ${w(x, 'groups')} WHERE n = ${g})` },
  };
}

/** Steps 1–5 of one scope (a part: one shard). */
export function engineSteps(s: RunScope): string[] {
  return [
    stepContributions(s),
    ...stepCoverage(s),
    stepReadRatio(s),
    stepPairs(s),
    ...stepNewFollows(s),
    ...stepPairFacts(s),
    ...stepShardTables(s),
    stepShard(s, 0),
  ];
}

/** Group `n`'s difference (with − without) per story, and of the unallocated money, into the impact tables. */
export function stepGroupImpact(x: ImpactWork, n: number): string[] {
  const { without, with: withIt } = groupScopes(x, n);
  const earned = (s: RunScope, sign: string) => `SELECT s, ${sign}earnings AS d FROM ${t(s, 'story_parts')}`;
  const unallocated = (s: RunScope) => `(SELECT coalesce(sum(unallocated), 0) FROM ${t(s, 'member_parts')})`;
  return [
    `INSERT INTO ${w(x, 'impact')}
       SELECT ${n}, st.key, st.author_key, sum(d.d)::bigint FROM (${earned(withIt, '')} UNION ALL ${earned(without, '-')}) d
       JOIN stories st ON st.key = d.s GROUP BY st.key, st.author_key HAVING sum(d.d) <> 0`,
    `INSERT INTO ${w(x, 'impact_totals')} SELECT ${n}, (${unallocated(withIt)} - ${unallocated(without)})::bigint`,
  ];
}
