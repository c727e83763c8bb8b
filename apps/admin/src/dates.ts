import { FIRST_PERIOD, LAST_PERIOD, periodBefore, periodProblem } from '@libs/core/src/period/period';

/** Dates in the console are UTC, with the zone shown. */
const pad = (n: number) => String(n).padStart(2, '0');

export function formatUtc(value: string | number | Date | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${opts.seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time} UTC`;
}

/** A calendar date (YYYY-MM-DD) stays as it is: it has no time zone. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  return value.slice(0, 10);
}

/** The closed month before now (UTC), YYYY-MM: the default period of a payout run. */
export const previousPeriod = (now = new Date()): string => periodBefore(now);

/** A period input's validator: the server's own rule (core/period), so both refuse the same values. */
export const validPeriod = (value?: string | null) =>
  value && periodProblem(value) ? `A month, YYYY-MM, from ${FIRST_PERIOD} to ${LAST_PERIOD}` : undefined;

/** A `YYYY-MM-DD` date input as the start of that UTC day (for `_gte` filters). */
export const startOfUtcDay = (day: string) => (day ? `${day}T00:00:00Z` : day);
/** A `YYYY-MM-DD` date input as the last instant of that UTC day (for `_lte` filters). */
export const endOfUtcDay = (day: string) => (day ? `${day}T23:59:59.999Z` : day);
