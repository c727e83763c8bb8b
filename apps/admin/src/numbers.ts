/*
 * Numbers in the console: one helper for the server and the console alike
 * (libs/core/src/format/numbers.ts): counts with thousands separators, durations in words,
 * percentages rounded half to even; "—" when there is no value.
 */
import * as core from '../../../libs/core/src/format/numbers.js';

type Value = number | bigint | string | null | undefined;
const has = (v: Value): v is number | bigint | string => v !== null && v !== undefined && v !== '';

/** "1,234,567". */
export const formatCount = (n: Value) => (has(n) ? core.formatCount(n) : '—');
/** "5 min 36 s". */
export const formatDuration = (seconds: Value) => (has(seconds) ? core.formatDuration(seconds) : '—');
/** part / whole: 1 of 7 → "14.29%". */
export const formatPercent = (part: Value, whole: Value) => (has(part) && has(whole) ? core.formatPercent(part, whole) : '—');
/** Basis points: 5000 → "50.00%". */
export const formatBpsPercent = (bps: Value) => (has(bps) ? core.formatBpsPercent(bps) : '—');
