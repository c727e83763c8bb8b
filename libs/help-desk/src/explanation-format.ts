/**
 * Wording helpers of the earnings explanation: periods, UTC dates, durations, ratios.
 * Money is formatted by core/money (formatDollars); everything here is UTC, because the
 * payout run counts earnings by UTC day and month.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "October 2026". */
export function periodName(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** "Oct 3 (UTC)", with the year when it is not `yearOf`'s ("Dec 28, 2025 (UTC)"). */
export function utcDay(at: Date, yearOf?: string, suffix = true): string {
  const month = MONTHS[at.getUTCMonth()]!.slice(0, 3);
  const year = at.getUTCFullYear();
  const sameYear = yearOf !== undefined && Number(yearOf.slice(0, 4)) === year;
  return `${month} ${at.getUTCDate()}${sameYear ? '' : `, ${year}`}${suffix ? ' (UTC)' : ''}`;
}

/** "6 h 3 min", "45 min", "50 s". */
export function duration(seconds: bigint): string {
  if (seconds < 60n) return `${seconds} s`;
  const minutes = seconds / 60n;
  if (minutes < 60n) return `${minutes} min`;
  const rest = minutes % 60n;
  return `${(minutes / 60n).toLocaleString('en-US')} h${rest ? ` ${rest} min` : ''}`;
}

/** A share as a percent with one decimal when needed: 5234 bps → "52.3%", 5000 → "50%". */
export function percentOfBps(bps: bigint): string {
  const tenths = bps / 10n;
  return tenths % 10n === 0n ? `${tenths / 10n}%` : `${tenths / 10n}.${tenths % 10n}%`;
}

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
