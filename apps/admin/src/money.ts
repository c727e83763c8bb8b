/*
 * Money in the console: the API sends integer micro-dollars (`...Micros`) or cents
 * (`...Cents`), as JSON integers (decimal strings beyond 2^53). Formatting is the
 * server's own dependency-free helper (libs/core/src/money/money.ts): dollars and cents
 * from the integer value with BigInt, sub-cent micro-dollars rounded half to even,
 * formatted once and never rounded again.
 */
import {
  MICROS_PER_CENT,
  formatDollars,
  micros,
  roundCentsHalfEven,
  shownBreakdown,
  shownDifferenceCents,
} from '../../../libs/core/src/money/money.js';

export type MoneyValue = number | string | bigint | null | undefined;

function isAmount(value: MoneyValue): value is number | string | bigint {
  return value !== null && value !== undefined && value !== '';
}

/** "$1,234.56" from integer micro-dollars; "—" when there is no amount. */
export function formatMicros(value: MoneyValue, opts: { signed?: boolean } = {}): string {
  if (!isAmount(value)) return '—';
  return formatDollars(micros(value), opts);
}

/** "$12.34" from integer cents. */
export function formatCents(value: MoneyValue, opts: { signed?: boolean } = {}): string {
  if (!isAmount(value)) return '—';
  return formatDollars(micros(value) * MICROS_PER_CENT, opts);
}

const amountOf = (value: MoneyValue) => (isAmount(value) ? micros(value) : 0n);

/**
 * A breakdown as the console shows it: each part and the whole rounded to the cent on their
 * own, and the one rounding line (null when the shown parts already add up): the shown parts
 * plus the line always equal the shown whole. Amounts in micro-dollars; `wholeCents` when
 * the whole is shown as a difference of shown amounts (see shownChangeCents).
 */
export function shownParts(
  parts: MoneyValue[],
  whole: MoneyValue,
  opts: { signed?: boolean; wholeCents?: bigint } = {},
): { parts: string[]; rounding: string | null; whole: string } {
  const b = shownBreakdown(parts.map(amountOf), amountOf(whole), { wholeCents: opts.wholeCents });
  return {
    parts: b.partsCents.map((c) => formatCents(c, opts)),
    rounding: b.roundingCents === 0n ? null : formatCents(b.roundingCents, { signed: true }),
    whole: formatCents(b.wholeCents, opts),
  };
}

/** The rounding line of a breakdown in micro-dollars (whole cents), for exports. */
export const shownRoundingMicros = (parts: MoneyValue[], whole: MoneyValue): bigint =>
  shownBreakdown(parts.map(amountOf), amountOf(whole)).roundingCents * MICROS_PER_CENT;

/** `now − before` as shown: the difference of the two amounts each rounded to the cent. */
export const shownChangeCents = (now: MoneyValue, before: MoneyValue): bigint => shownDifferenceCents(amountOf(now), amountOf(before));

/**
 * Exact micro-dollars from what a person types: "12.5", "-0.000001", "$1,234.56".
 * At most six decimals (one micro-dollar); null when it is not an amount.
 */
export function parseDollars(text: string): bigint | null {
  const cleaned = text
    .trim()
    .replace(/[$,\s]/g, '')
    .replace(/^−/, '-');
  const m = /^([+-]?)(\d+)(?:\.(\d{1,6}))?$/.exec(cleaned);
  if (!m) return null;
  const whole = BigInt(m[2]) * 1_000_000n;
  const fraction = BigInt((m[3] ?? '').padEnd(6, '0') || '0');
  const value = whole + fraction;
  return m[1] === '-' ? -value : value;
}

/** Plain decimal dollars for CSV ("-1234.56"): the same half-even rounding as formatMicros, no symbol or separators. */
export function microsToDecimalDollars(value: MoneyValue): string {
  if (!isAmount(value)) return '';
  const amount = micros(value);
  const negative = amount < 0n;
  const rounded = roundCentsHalfEven(amount);
  const cents = rounded < 0n ? -rounded : rounded;
  const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return negative && cents > 0n ? `-${text}` : text;
}

export function centsToDecimalDollars(value: MoneyValue): string {
  if (!isAmount(value)) return '';
  return microsToDecimalDollars(micros(value) * MICROS_PER_CENT);
}

/** For chart axes only (never shown as text): dollars as a float. */
export function microsToChartDollars(value: MoneyValue): number {
  if (!isAmount(value)) return 0;
  return Number(micros(value)) / 1_000_000;
}

/** For chart axes only (never shown as text): integer cents as float dollars (×10,000 to micros, in BigInt). */
export function centsToChartDollars(value: MoneyValue): number {
  if (!isAmount(value)) return 0;
  return microsToChartDollars(micros(value) * MICROS_PER_CENT);
}
