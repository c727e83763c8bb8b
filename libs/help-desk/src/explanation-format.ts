/**
 * Wording helpers of the earnings explanation: periods, UTC dates, durations, ratios.
 * Money is formatted by core/money (formatDollars); everything here is UTC, because the
 * payout run counts earnings by UTC day and month.
 */
import { formatDuration, formatPercent } from '../../core/src/format/numbers.js';
import { MONTH_NAMES } from '../../core/src/period/period.js';

export { periodName } from '../../core/src/period/period.js';

/** "Oct 3 (UTC)", with the year when it is not `yearOf`'s ("Dec 28, 2025 (UTC)"). */
export function utcDay(at: Date, yearOf?: string, suffix = true): string {
  const month = MONTH_NAMES[at.getUTCMonth()]!.slice(0, 3);
  const year = at.getUTCFullYear();
  const sameYear = yearOf !== undefined && Number(yearOf.slice(0, 4)) === year;
  return `${month} ${at.getUTCDate()}${sameYear ? '' : `, ${year}`}${suffix ? ' (UTC)' : ''}`;
}

/** Durations and shares as the console shows them ("5 min 36 s", "52.3%"): one helper, core/format. */
export const duration = (seconds: bigint): string => formatDuration(seconds);

/** reads of views as a percent with at most one decimal: 1 of 7 → "14.3%", 3 of 4 → "75%". */
export const percentOf = (part: number, whole: number): string => formatPercent(part, whole, { decimals: 1, trimZeros: true });

/** A multiplier in bps as "1.12×". */
export function multiplier(bps: number): string {
  const hundredths = Math.trunc(bps / 100);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}×`;
}

/** "fell 40%", "rose 25%", "rose from none", "fell by less than 1%". Percent truncated toward zero. */
export function changeWords(before: bigint, after: bigint): string {
  if (before === after) return 'did not change';
  const verb = after < before ? 'fell' : 'rose';
  if (before === 0n) return `${verb} from none`;
  const pct = ((after - before) * 100n) / before;
  const abs = pct < 0n ? -pct : pct;
  return abs === 0n ? `${verb} by less than 1%` : `${verb} ${abs}%`;
}

export const quoted = (title: string) => `'${title}'`;
