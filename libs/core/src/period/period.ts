/*
 * A period is a calendar month written `YYYY-MM`, always UTC: the payout run, referral
 * credits, adjustments and tickets count by it. This file has no imports, so the console
 * imports it as it is (see apps/admin/vite.config.ts).
 */

/** `YYYY-MM`, months 01–12. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The sane calendar range: no money was earned before 2000, and none is planned past 2099. */
export const FIRST_PERIOD = '2000-01';
export const LAST_PERIOD = '2099-12';

const digit = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** `YYYY-MM` with a month 01–12, without a regular expression (intake checks every charge with it). */
function isMonthText(s: string): boolean {
  if (
    s.length !== 7 ||
    s.charCodeAt(4) !== 45 ||
    !digit(s, 0) ||
    !digit(s, 1) ||
    !digit(s, 2) ||
    !digit(s, 3) ||
    !digit(s, 5) ||
    !digit(s, 6)
  )
    return false;
  const month = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
  return month >= 1 && month <= 12;
}

/** What is wrong with a value given as a period (null: it is one), as every door says it. */
export function periodProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !isMonthText(value)) return 'must be a month YYYY-MM';
  if (value < FIRST_PERIOD || value > LAST_PERIOD) return `must be a month from ${FIRST_PERIOD} to ${LAST_PERIOD}`;
  return null;
}

/** True for a `YYYY-MM` string within the sane range (text order is calendar order). */
export const isPeriod = (value: unknown): value is string => periodProblem(value) === null;

/** The same rule as a CHECK constraint on a text column. */
export const periodCheck = (column: string): string =>
  `${column} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND ${column} >= '${FIRST_PERIOD}' AND ${column} <= '${LAST_PERIOD}'`;

/** Months since year 0 (`YYYY-MM` → year × 12 + month − 1). */
export function monthIndex(period: string): number {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`not a period (YYYY-MM): ${period}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function periodOfIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month before a period. */
export const previousPeriod = (period: string): string => periodOfIndex(monthIndex(period) - 1);

/** The month after a period. */
export const nextPeriod = (period: string): string => periodOfIndex(monthIndex(period) + 1);

/** The UTC month containing `at`. */
export const periodOf = (at: Date): string => periodOfIndex(at.getUTCFullYear() * 12 + at.getUTCMonth());

/** The UTC month before the one containing `at` (the scheduled runs on the 2nd do that month). */
export const periodBefore = (at: Date = new Date()): string => previousPeriod(periodOf(at));

/** `[start, end)` of a period in UTC, as instants and as ISO 8601 text. */
export function periodBounds(period: string): { start: Date; end: Date; startIso: string; endIso: string } {
  const index = monthIndex(period);
  const start = new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
  const end = new Date(Date.UTC(Math.floor((index + 1) / 12), (index + 1) % 12, 1));
  return { start, end, startIso: start.toISOString(), endIso: end.toISOString() };
}

/** The months in English, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "October 2026". */
export function periodName(period: string): string {
  const index = monthIndex(period);
  return `${MONTH_NAMES[index % 12]} ${Math.floor(index / 12)}`;
}
