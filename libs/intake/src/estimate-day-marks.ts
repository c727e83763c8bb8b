/*
 * Month-to-date estimates (libs/payouts/src/estimates) keep per-day aggregates of the reading
 * data; intake marks the UTC days whose data a merge touched (table estimate_dirty_days), so
 * that the daily job re-aggregates exactly those. Only days from the previous month on are
 * marked: closed months have their runs.
 */

/** Per kind, the instant column that places a record in a day; a membership or enrollment marks every day it covers so far. */
const DAY_COLUMNS: Partial<Record<string, { from: string; to?: string }>> = {
  sessions: { from: 'started_at' },
  engagements: { from: 'occurred_at' },
  follows: { from: 'followed_at' },
  memberships: { from: 'started_at', to: 'ended_at' },
  enrollments: { from: 'enrolled_at', to: 'left_at' },
};

const FLOOR_AT = `(date_trunc('month', now() AT TIME ZONE 'UTC' - interval '1 month') AT TIME ZONE 'UTC')`;
const FLOOR = `(${FLOOR_AT} AT TIME ZONE 'UTC')::date`;
const TODAY = `(now() AT TIME ZONE 'UTC')::date`;
const day = (col: string) => `(${col} AT TIME ZONE 'UTC')::date`;
const series = (from: string, lo: string, hi: string) =>
  `SELECT DISTINCT d::date AS day FROM ${from}, generate_series(${lo}, ${hi}, interval '1 day') d WHERE ${lo} <= ${hi}`;

/**
 * The statement that marks the days of the rows in `source`; null for other kinds. `span`:
 * every day from the earliest to the latest (one pass or two index probes, for a bulk load
 * into an empty table, where a day without rows costs an empty aggregation); else each day
 * with a row (a batch).
 */
export function markEstimateDaysSql(kind: string, source: string, span: boolean): string | null {
  const c = DAY_COLUMNS[kind];
  if (!c) return null;
  let days: string;
  if (c.to) {
    const lo = `greatest(${day(`r.${c.from}`)}, ${FLOOR})`;
    const hi = `least(${day(`coalesce(r.${c.to}, now())`)}, ${TODAY})`;
    days = span
      ? series(`(SELECT min(${lo}) AS lo, max(${hi}) AS hi FROM ${source} r WHERE ${hi} >= ${FLOOR}) r`, 'r.lo', 'r.hi')
      : series(`(SELECT ${lo} AS lo, ${hi} AS hi FROM ${source} r) r`, 'r.lo', 'r.hi');
  } else {
    days = span
      ? series(
          `(SELECT min(r.${c.from}) AS lo, max(r.${c.from}) AS hi FROM ${source} r WHERE r.${c.from} >= ${FLOOR_AT}) r`,
          day('r.lo'),
          day('r.hi'),
        )
      : `SELECT DISTINCT ${day(`r.${c.from}`)} AS day FROM ${source} r WHERE r.${c.from} >= ${FLOOR_AT}`;
  }
  return `INSERT INTO estimate_dirty_days (day) ${days} ON CONFLICT (day) DO UPDATE SET marked_at = now()`;
}
