// Small helpers of the earnings oracle: id order, instants, periods, grouping, covered amounts.
import type { ChargeRecord } from './bundle.js';

// Small helpers

/** Byte-wise order of id strings (UTF-8 bytes, like COLLATE "C"). */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/** An ISO 8601 timestamp with offset → microseconds since the epoch (UTC). */
export function parseInstant(ts: string): number {
  const m = INSTANT_RE.exec(ts.trim());
  if (!m) {
    const ms = Date.parse(ts);
    if (Number.isNaN(ms)) throw new Error(`bad timestamp: ${ts}`);
    return ms * 1000;
  }
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const micros = frac ? Number((frac + '000000').slice(0, 6)) : 0;
  let offsetMinutes = 0;
  if (off !== 'Z' && off !== 'z') {
    const sign = off!.startsWith('-') ? -1 : 1;
    const digits = off!.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  return (wallMs - offsetMinutes * 60_000) * 1000 + micros;
}

/** `YYYY-MM` → month number (year × 12 + month − 1). */
export function monthIndex(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`bad month: ${month}`);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new Error(`bad month: ${month}`);
  return Number(m[1]) * 12 + mo - 1;
}

export interface Period {
  month: number;
  /** first instant, µs */
  start: number;
  /** first instant of the next month, µs */
  end: number;
}

/** A period is the UTC calendar month [first instant, first instant of next month). */
export function periodOf(period: string): Period {
  const month = monthIndex(period);
  const y = Math.floor(month / 12);
  const mo = month % 12;
  return { month, start: Date.UTC(y, mo, 1) * 1000, end: Date.UTC(y, mo + 1, 1) * 1000 };
}

export function inPeriod(p: Period, t: number): boolean {
  return p.start <= t && t < p.end;
}

/** Half-open [start, end) with a null end open. */
export function contains(start: string, end: string | null | undefined, t: number): boolean {
  return parseInstant(start) <= t && (end == null || t < parseInstant(end));
}

export function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export const bps = (n: number): bigint => BigInt(n);

/**
 * Steps 1 and 8: the part of `total` (any unit) a charge assigns to month `month`.
 * monthly: all of it to `coversFrom`; annual: month k (0..11) from `coversFrom`
 * gets `total // 12`, plus 1 if `k < total mod 12`.
 */
export function coveredAmount(total: bigint, plan: ChargeRecord['plan'], coversFrom: string, month: number): bigint {
  const k = month - monthIndex(coversFrom);
  if (plan === 'monthly') return k === 0 ? total : 0n;
  if (k < 0 || k > 11) return 0n;
  return total / 12n + (BigInt(k) < total % 12n ? 1n : 0n);
}

// ---------------------------------------------------------------------------
// Step 1: member contributions (the pool)
// Every known member with a paid charge gets an entry, 0 when no charge covers P.
