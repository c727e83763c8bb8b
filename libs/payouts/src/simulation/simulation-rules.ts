/*
 * The what-if run's states and the rules of its comparison with the period's run. No
 * imports, so the console reads the same values.
 */

export const SIMULATION_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SimulationStatus = (typeof SIMULATION_STATUSES)[number];

/** Parameter fields a simulation takes but that the earnings engine does not read (they change nothing in it). */
export const NOT_SIMULATED_FIELDS = ['referralShareBps', 'boostDays', 'referralCutoff'] as const;

/** How many buckets the distribution's histogram of author differences has. */
export const HISTOGRAM_BUCKETS = 20;

/** How many gainers and losers the comparison names. */
export const TOP_MOVERS = 10;
