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

const FLOOR = `date_trunc('month', now() AT TIME ZONE 'UTC' - interval '1 month')`;

/** The statement that marks the days of the rows in `source` (the staging table, or the table after a direct load); null for other kinds. */
export function markEstimateDaysSql(kind: string, source: string): string | null {
  const c = DAY_COLUMNS[kind];
  if (!c) return null;
  const day = (col: string) => `(${col} AT TIME ZONE 'UTC')::date`;
  const days = c.to
    ? `SELECT DISTINCT d::date AS day FROM ${source} r,
         generate_series(greatest(${day(`r.${c.from}`)}, ${FLOOR}::date), least(${day(`coalesce(r.${c.to}, now())`)}, (now() AT TIME ZONE 'UTC')::date), interval '1 day') d`
    : `SELECT DISTINCT ${day(`r.${c.from}`)} AS day FROM ${source} r WHERE r.${c.from} >= ${FLOOR} AT TIME ZONE 'UTC'`;
  return `INSERT INTO estimate_dirty_days (day) ${days} ON CONFLICT (day) DO UPDATE SET marked_at = now()`;
}
