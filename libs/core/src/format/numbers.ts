/*
 * Numbers as people read them, for the console, the writer-facing text and exports alike:
 * counts with thousands separators, durations in words ("5 min 36 s"), percentages of a
 * part in a whole rounded half to even ("14.29%" for 1/7). Dependency-free, integer
 * arithmetic only (bigint), so it runs the same in the browser and on the server. Money is
 * formatted by ../money/money.ts, which also owns the rounding and digit grouping used here.
 */
import { divHalfEven, groupThousands } from '../money/money.js';

type Whole = number | bigint | string;

const big = (v: Whole): bigint => (typeof v === 'bigint' ? v : BigInt(typeof v === 'number' ? Math.trunc(v) : v));

/** The minus sign shown before negative numbers (U+2212, as in money). */
export const MINUS = '−';

/** "1,234,567"; "−12". */
export function formatCount(value: Whole): string {
  const n = big(value);
  return n < 0n ? `${MINUS}${groupThousands((-n).toString())}` : groupThousands(n.toString());
}

/** "50 s", "5 min 36 s", "2 h 5 min", "1,234 h" (seconds dropped from an hour up, minutes kept). */
export function formatDuration(seconds: Whole): string {
  const s = big(seconds);
  if (s < 0n) return `${MINUS}${formatDuration(-s)}`;
  if (s < 60n) return `${s} s`;
  const minutes = s / 60n;
  if (minutes < 60n) return s % 60n ? `${minutes} min ${s % 60n} s` : `${minutes} min`;
  const rest = minutes % 60n;
  return `${formatCount(minutes / 60n)} h${rest ? ` ${rest} min` : ''}`;
}

/**
 * `part / whole` as a percentage with `decimals` decimals, rounded half to even:
 * formatPercent(1, 7) → "14.29%", formatPercent(5000, 10000) → "50.00%"; "—" when whole is 0.
 * `trimZeros` drops trailing zero decimals (writer-facing text: "75%", "52.3%").
 */
export function formatPercent(part: Whole, whole: Whole, opts: { decimals?: number; trimZeros?: boolean } = {}): string {
  const decimals = opts.decimals ?? 2;
  const w = big(whole);
  if (w === 0n) return '—';
  const scale = 10n ** BigInt(decimals);
  const v = divHalfEven(big(part) * 100n * scale, w < 0n ? -w : w) * (w < 0n ? -1n : 1n);
  const abs = v < 0n ? -v : v;
  const int = groupThousands((abs / scale).toString());
  let frac = decimals > 0 ? (abs % scale).toString().padStart(decimals, '0') : '';
  if (opts.trimZeros) frac = frac.replace(/0+$/, '');
  frac = frac ? `.${frac}` : '';
  return `${v < 0n ? MINUS : ''}${int}${frac}%`;
}

/** Basis points as a percentage: 5000 → "50.00%", 1428 → "14.28%". */
export const formatBpsPercent = (bps: Whole): string => formatPercent(big(bps), 10_000n);
