/*
 * What a birth date entered by staff may be: a real calendar date (YYYY-MM-DD), not before
 * 1900 and not after today (UTC). No imports, so the console's form checks the same rule
 * before the server has to refuse (apps/admin/vite.config.ts, `@libs`).
 */

export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Today's date in UTC, YYYY-MM-DD ("today" is UTC, docs/decisions.md "Eligibility"). */
export const utcToday = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Why `value` is not an acceptable birth date, in words (null: it is one). */
export function birthDateProblem(value: unknown, today: string = utcToday()): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Enter a date as YYYY-MM-DD';
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return `${value} is not a calendar date`;
  if (value < EARLIEST_BIRTH_DATE) return `Enter a birth date on or after ${EARLIEST_BIRTH_DATE}`;
  if (value > today) return `A birth date cannot be in the future (today is ${today})`;
  return null;
}
