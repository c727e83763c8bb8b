/**
 * Money is an integer count of micro-dollars (µ$) everywhere: bigint in TypeScript,
 * bigint/numeric in PostgreSQL, JSON integers (or strings when over 2^53) on the wire.
 * This module owns conversion and formatting; arithmetic on amounts lives here or in SQL.
 */
export type Micros = bigint;

export const MICROS_PER_CENT = 10_000n;

/** From a database value (pg returns bigint/numeric as strings) or a JSON integer. */
export function micros(value: string | number | bigint): Micros {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer amount: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`not an integer amount: ${value}`);
  return BigInt(value);
}

export function sum(values: Iterable<Micros>): Micros {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** For JSON: a number while it is exact, else the decimal string. */
export function toJson(amount: Micros): number | string {
  return amount <= BigInt(Number.MAX_SAFE_INTEGER) && amount >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(amount) : amount.toString();
}

/** `n / d` rounded half to even (d > 0): banker's rounding, no drift up or down over many values. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  const a = n < 0n ? -n : n;
  const q = a / d;
  const r = a % d;
  const up = r * 2n > d || (r * 2n === d && q % 2n === 1n);
  const v = up ? q + 1n : q;
  return n < 0n ? -v : v;
}

/** Whole cents of `amount`, rounded half to even. */
export const roundCentsHalfEven = (amount: Micros): bigint => divHalfEven(amount, MICROS_PER_CENT);

/** "1,234,567" from the digits of a non-negative integer. */
export const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * "$1,234.56" (or "−$0.90"): cents shown, sub-cent micro-dollars rounded half to even.
 * `signed` adds "+" to gains.
 */
export function formatDollars(amount: Micros, opts: { signed?: boolean } = {}): string {
  const negative = amount < 0n;
  const cents = absMicros(roundCentsHalfEven(amount));
  const dollars = groupThousands((cents / 100n).toString());
  const text = `$${dollars}.${(cents % 100n).toString().padStart(2, '0')}`;
  if (negative && cents > 0n) return `−${text}`;
  return opts.signed && cents > 0n ? `+${text}` : text;
}

/** Integer division rounded toward negative infinity (bigint `/` truncates toward zero). */
export function divFloor(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** |amount|. */
export const absMicros = (amount: Micros): Micros => (amount < 0n ? -amount : amount);

/** `amount × num / den`, rounded toward negative infinity (rescaling an amount by an exact ratio). */
export const scaleMicros = (amount: Micros, num: bigint, den: bigint): Micros => divFloor(amount * num, den);

/**
 * Splits `total` (any sign) into parts proportional to non-negative `weights`, exactly:
 * each part is `total × w // W` (floor), and the rest (0 ≤ rest < number of parts) goes
 * to the largest weight (the first one on ties). All weights 0: equal weights.
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new RangeError('apportion needs at least one weight');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  let w = weights.reduce((a, b) => a + b, 0n);
  const used = w === 0n ? weights.map(() => 1n) : [...weights];
  if (w === 0n) w = BigInt(weights.length);
  const parts = used.map((x) => divFloor(total * x, w));
  let largest = 0;
  for (let i = 1; i < used.length; i++) if (used[i]! > used[largest]!) largest = i;
  parts[largest] = parts[largest]! + (total - sum(parts));
  return parts;
}

/** "$1,234.56" for whole cents (payouts, thresholds). */
export const formatCents = (cents: bigint, opts: { signed?: boolean } = {}): string => formatDollars(cents * MICROS_PER_CENT, opts);

/**
 * A money breakdown as it is shown: every part and the whole in whole cents (each rounded
 * half to even on its own), and the one rounding line, in cents, that makes the shown parts
 * add up to the shown whole: `sum(partsCents) + roundingCents = wholeCents`, always.
 * `wholeCents` overrides the rounded whole when the whole is itself shown as a difference of
 * shown amounts (a month's change: shown now − shown before).
 */
export interface ShownBreakdown {
  partsCents: bigint[];
  wholeCents: bigint;
  roundingCents: bigint;
}

export function shownBreakdown(parts: readonly Micros[], whole: Micros, opts: { wholeCents?: bigint } = {}): ShownBreakdown {
  const partsCents = parts.map(roundCentsHalfEven);
  const wholeCents = opts.wholeCents ?? roundCentsHalfEven(whole);
  return { partsCents, wholeCents, roundingCents: wholeCents - sum(partsCents) };
}

/** `a − b` as shown: the difference of the two amounts rounded to the cent each (so it matches what is printed beside it). */
export const shownDifferenceCents = (a: Micros, b: Micros): bigint => roundCentsHalfEven(a) - roundCentsHalfEven(b);

/** The most digits before the decimal point `parseDollars` takes (a trillion dollars is no payout). */
const MAX_DOLLAR_DIGITS = 12;

/**
 * "12.34", "-0.5", "1,234.56" (a decimal amount of dollars, up to six decimals) → micro-dollars,
 * exactly, with no float on the way. Anything else (exponents, "$", spaces inside, "1.2.3",
 * "", more than six decimals) is a RangeError saying why.
 */
export function parseDollars(text: string): Micros {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m)
    throw new RangeError(`not a dollar amount (digits, optionally a point and up to 6 decimals): ${JSON.stringify(text.slice(0, 40))}`);
  const whole = m[2].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_DOLLAR_DIGITS) throw new RangeError(`amount too large: more than ${MAX_DOLLAR_DIGITS} digits of dollars`);
  const amount = BigInt(whole) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] === '-' ? -amount : amount;
}
