import { type RunScope, scoredPairs, stepNewFollows, stepPairFacts, stepPairs, stepReadRatio, t } from './earnings-sql.js';

/**
 * What the excluded reading would have earned each story (docs/decisions.md, "reading
 * excluded after review"): the excluded pairs' own facts (steps 2–4 over only their
 * sessions and engagements, with the read ratio of all sessions), scored like every pair;
 * each excluded member's contribution is divided over their pairs and their excluded pairs
 * together (step 5's shares, floor), and the excluded pairs' shares are summed per story.
 * Prepared with the run's other work tables; nothing when the run has no exclusions.
 */
export function stepExclusionEffects(s: RunScope): string[] {
  if (!s.excludedPairs) return [];
  const x: RunScope = { ...s, work: `${s.work}x_` };
  const xOnly: RunScope = { ...x, excludedOnly: true };
  return [
    // the coverage is the run's (copied under the variant's prefix, which the shared step SQL reads)
    `CREATE UNLOGGED TABLE ${t(x, 'member_cover')} AS SELECT * FROM ${t(s, 'member_cover')}`,
    `CREATE UNLOGGED TABLE ${t(x, 'author_cover')} AS SELECT * FROM ${t(s, 'author_cover')}`,
    stepReadRatio({ ...x, excludedPairs: undefined }),
    stepPairs(xOnly),
    ...stepNewFollows(xOnly),
    ...stepPairFacts(xOnly),
    `CREATE UNLOGGED TABLE ${t(s, 'exclusion_effects')} AS
       WITH xs AS (${scoredPairs(s, t(x, 'pairs'), 'true')}),
       kept AS (${scoredPairs(s, t(s, 'pairs'), `pr.m IN (SELECT m FROM ${t(x, 'pairs')})`)}),
       totals AS (SELECT m, sum(score) AS total FROM (SELECT m, score FROM xs UNION ALL SELECT m, score FROM kept) u GROUP BY m)
       SELECT xs.s, xs.a, count(*)::int AS members,
              sum(div(c.contribution * xs.score, tt.total))::bigint AS amount
       FROM xs JOIN totals tt ON tt.m = xs.m AND tt.total > 0
       JOIN ${t(s, 'contributions')} c ON c.m = xs.m AND c.contribution > 0
       GROUP BY xs.s, xs.a`,
  ];
}

/** The effects into the run's table (finalize), when prepare made them. */
export function stepStoreExclusionEffects(s: RunScope, runId: string): string {
  return `INSERT INTO story_exclusion_effects (run_id, story_key, author_key, members, amount_micros)
    SELECT '${runId}', e.s, e.a, e.members, e.amount FROM ${t(s, 'exclusion_effects')} e WHERE e.amount <> 0 OR e.members > 0`;
}
