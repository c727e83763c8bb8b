/** Time for the demo data: epoch seconds, formatted without Date objects on the hot paths. */
import { REFERRAL_CUTOFF } from '../../../referral-legacy/src/referral-rules.js';

export const DAY = 86_400;
export const HOUR = 3_600;
/** The legacy referral cutoff (referral-rules.ts), in epoch seconds. */
export const REFERRAL_CUTOFF_SEC = Date.parse(REFERRAL_CUTOFF) / 1000;
const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

const dayCache = new Map<number, string>();
/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function dayString(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    if (dayCache.size > 200_000) dayCache.clear();
    dayCache.set(day, s);
  }
  return s;
}

export function clock(secOfDay: number): string {
  const h = (secOfDay / HOUR) | 0;
  const rest = secOfDay - h * HOUR;
  const m = (rest / 60) | 0;
  return `${PAD2[h]}:${PAD2[m]}:${PAD2[rest - m * 60]}`;
}

/** ISO 8601 UTC timestamp with `Z`. */
export function ts(sec: number): string {
  const day = Math.floor(sec / DAY);
  return `${dayString(day)}T${clock(sec - day * DAY)}Z`;
}

export const OFFSETS: ReadonlyArray<readonly [number, string]> = [
  [2 * HOUR, '+02:00'],
  [-5 * HOUR, '-05:00'],
  [5.5 * HOUR, '+05:30'],
];

/** The same instant written in local time with an explicit offset. */
export function tsOffset(sec: number, offset: readonly [number, string]): string {
  const local = sec + offset[0];
  const day = Math.floor(local / DAY);
  return `${dayString(day)}T${clock(local - day * DAY)}${offset[1]}`;
}

export function monthStart(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / 1000;
}

export function monthIndexOf(sec: number): number {
  const d = new Date(sec * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function monthString(monthIndex: number): string {
  const m = (monthIndex % 12) + 1;
  return `${Math.floor(monthIndex / 12)}-${m < 10 ? '0' : ''}${m}`;
}

/** `sec` moved by `k` calendar months, the day of month clamped to the target month's length. */
export function addMonths(sec: number, k: number): number {
  const d = new Date(sec * 1000);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + k;
  const dim = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return Date.UTC(y, mo, Math.min(d.getUTCDate(), dim), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
}
