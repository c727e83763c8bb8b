/*
 * The comparison of a simulation (`sm`, a row of simulations) with its period's run, as SQL
 * relations for LATERAL joins: per author and per story, both sides and their difference,
 * with the breakdown of step 6. Money in bigint µ$.
 */

/** The breakdown's parts: API name → column of story_earnings / simulation_story_earnings. */
export const BREAKDOWN = {
  readingTime: 'reading_time_micros',
  engagement: 'engagement_micros',
  readRatioAdjustment: 'read_ratio_adjustment_micros',
  followerBonus: 'follower_bonus_micros',
  boostBonus: 'boost_bonus_micros',
} as const;

const PARTS = { earnings: 'earnings_micros', ...BREAKDOWN };
const sums = Object.values(PARTS)
  .map((c) => `sum(${c})::bigint AS ${c}`)
  .join(', ');
/** run_x, sim_x and delta_x for every money column. */
const sides = (run: string, sim: string) =>
  Object.values(PARTS)
    .map(
      (c) =>
        `coalesce(${run}.${c}, 0) AS run_${c}, coalesce(${sim}.${c}, 0) AS sim_${c}, coalesce(${sim}.${c}, 0) - coalesce(${run}.${c}, 0) AS delta_${c}`,
    )
    .join(',\n    ');

/** Threshold crossing: 'up' (paid in the simulation, carried in the run), 'down' (the other way), null. */
const crossing = (run: string, sim: string) => `CASE
      WHEN coalesce(${run}.status, 'below_threshold') = 'below_threshold' AND ${sim}.status IN ('payable', 'payout_account_not_ready') THEN 'up'
      WHEN coalesce(${sim}.status, 'below_threshold') = 'below_threshold' AND ${run}.status IN ('payable', 'payout_account_not_ready') THEN 'down'
    END`;

/** One row per author with story earnings or a statement on either side. */
export const AUTHOR_DIFFS = `(
  SELECT k.author_key,
    ${sides('re', 'se')},
    rs.status AS run_status, ss.status AS sim_status,
    coalesce(rs.payout_cents, 0) AS run_payout_cents, coalesce(ss.payout_cents, 0) AS sim_payout_cents,
    coalesce(rs.balance_micros, 0) AS run_balance_micros, coalesce(ss.balance_micros, 0) AS sim_balance_micros,
    ${crossing('rs', 'ss')} AS crossing
  FROM (SELECT author_key FROM simulation_story_earnings WHERE simulation_id = sm.id
        UNION SELECT author_key FROM story_earnings WHERE run_id = sm.run_id
        UNION SELECT author_key FROM simulation_statements WHERE simulation_id = sm.id
        UNION SELECT author_key FROM statements WHERE run_id = sm.run_id) k
  LEFT JOIN (SELECT author_key, ${sums} FROM story_earnings WHERE run_id = sm.run_id GROUP BY author_key) re ON re.author_key = k.author_key
  LEFT JOIN (SELECT author_key, ${sums} FROM simulation_story_earnings WHERE simulation_id = sm.id GROUP BY author_key) se
    ON se.author_key = k.author_key
  LEFT JOIN statements rs ON rs.run_id = sm.run_id AND rs.author_key = k.author_key
  LEFT JOIN simulation_statements ss ON ss.simulation_id = sm.id AND ss.author_key = k.author_key
)`;

/** One row per story with earnings or views on either side. */
export const STORY_DIFFS = `(
  SELECT coalesce(se.story_key, re.story_key) AS story_key, coalesce(se.author_key, re.author_key) AS author_key,
    ${sides('re', 'se')}
  FROM (SELECT * FROM simulation_story_earnings WHERE simulation_id = sm.id) se
  FULL JOIN (SELECT * FROM story_earnings WHERE run_id = sm.run_id) re ON re.story_key = se.story_key
)`;

/** API field → column of a diff row, for the money of both sides and the difference. */
export function diffFields(prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, col] of Object.entries(PARTS)) {
    const cap = name[0]!.toUpperCase() + name.slice(1);
    out[`run${cap}Micros`] = `${prefix}run_${col}`;
    out[`sim${cap}Micros`] = `${prefix}sim_${col}`;
    out[`delta${cap}Micros`] = `${prefix}delta_${col}`;
  }
  return out;
}
