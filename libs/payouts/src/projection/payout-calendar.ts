import { MONTH_NAMES, nextPeriod } from '../../../core/src/period/period.js';

/*
 * The payout calendar: a month's payouts are paid by the 10th of the month after it (the
 * program's promise; the run for the month is scheduled on the 2nd, see payout-run.jobs.ts).
 */

/** The day of the following month by which a month's payouts are paid. */
export const PAYOUT_DAY_OF_MONTH = 10;

/** The date (`YYYY-MM-DD`, UTC) by which the payouts of `period` are paid. */
export const payoutDeadline = (period: string): string => `${nextPeriod(period)}-${String(PAYOUT_DAY_OF_MONTH).padStart(2, '0')}`;

/** "February 10, 2026" for `2026-02-10`. */
export function dateWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${MONTH_NAMES[m - 1]} ${d}, ${y}`;
}
