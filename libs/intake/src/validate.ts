/*
 * Record validation: the one implementation both doors use (bundle import and intake API).
 * A record is checked field by field against its kind (kinds.ts); the result is either the
 * record's column values (references still as ids, resolved to keys later) or the reason it
 * is refused, naming each bad field. Written for the import's hot loop: no regular
 * expressions on the per-row path of timestamps, no allocation besides the values array.
 */
import { MAX_ID_LENGTH } from '../../core/src/text-limits.js';
import type { FieldSpec, FieldType, KindSpec } from './kinds.js';
import { isPeriod } from '../../core/src/period/period.js';

export type Value = string | number | boolean | null;

// ---------------------------------------------------------------------------------------
// Calendar values

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]);

/** Two ASCII digits at `i` as a number, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Year, month, day of `YYYY-MM-DD` at the start of `s` (a real calendar day, year 1 to 9999), or null. */
function ymd(s: string): [number, number, number] | null {
  const hi = d2(s, 0);
  const lo = d2(s, 2);
  if (hi < 0 || lo < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = hi * 100 + lo;
  const m = d2(s, 5);
  const d = d2(s, 8);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return [y, m, d];
}

/**
 * Checks an ISO 8601 timestamp with an offset: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
 * Returns the value to store (fractions beyond microseconds are cut, so that PostgreSQL
 * does not round an instant across a boundary), or null when it is not one.
 */
export function normalizeTimestamp(s: string): string | null {
  const n = s.length;
  if (n < 20 || n > 40 || s.charCodeAt(10) !== 84 /* T */ || !ymd(s)) return null;
  const hh = d2(s, 11);
  const mi = d2(s, 14);
  const ss = d2(s, 17);
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  let i = 19;
  let fractionEnd = i;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === 20) return null;
    fractionEnd = i;
  }
  const c = s.charCodeAt(i);
  if (c === 90 /* Z */) {
    if (i + 1 !== n) return null;
  } else if (c === 43 || c === 45 /* + - */) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return null;
    const oh = d2(s, i + 1);
    const om = d2(s, i + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return null;
  } else return null;
  return fractionEnd - 20 > 6 ? s.slice(0, 26) + s.slice(fractionEnd) : s;
}

/** Epoch microseconds of a timestamp `normalizeTimestamp` accepted (exact: a bigint). */
export function timestampMicros(s: string): bigint {
  const d = new Date(0);
  d.setUTCFullYear(Number(s.slice(0, 4)), d2(s, 5) - 1, d2(s, 8));
  d.setUTCHours(d2(s, 11), d2(s, 14), d2(s, 17), 0);
  let i = 19;
  let micros = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    for (let scale = 100000; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
      micros += (s.charCodeAt(i) - 48) * scale;
      scale = Math.floor(scale / 10);
    }
  }
  const offsetMinutes = s.charCodeAt(i) === 90 ? 0 : (s.charCodeAt(i) === 45 ? -1 : 1) * (d2(s, i + 1) * 60 + d2(s, i + 4));
  return BigInt(d.getTime()) * 1000n + BigInt(micros - offsetMinutes * 60_000_000);
}

export const isDate = (s: string) => s.length === 10 && ymd(s) !== null;

/** A period (core/period: `YYYY-MM` within the sane range), as every other door checks it. */
export const isMonth = (s: string): boolean => isPeriod(s);

// ---------------------------------------------------------------------------------------
// Strings

const hasNul = (s: string) => s.indexOf('\u0000') !== -1;
const wellFormed = (s: string) => (s as string & { isWellFormed?: () => boolean }).isWellFormed?.() ?? true;

/** Characters (code points) of a string: a surrogate pair is one; `s.length` counts it twice. */
export function charCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** At most `max` characters; `s.length` is never less than the characters, so only a long string is counted. */
const fits = (s: string, max: number) => s.length <= max || (s.length <= 2 * max && charCount(s) <= max);

function idProblem(v: unknown, name: string): string | null {
  if (typeof v !== 'string') return `${name} must be a string id of 1 to ${MAX_ID_LENGTH} characters`;
  const n = v.length <= MAX_ID_LENGTH ? v.length : charCount(v);
  if (n < 1 || n > MAX_ID_LENGTH) return `${name} must be 1 to ${MAX_ID_LENGTH} characters long (got ${n})`;
  if (hasNul(v) || !wellFormed(v)) return `${name} must not contain NUL characters or lone surrogates`;
  return null;
}

const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function listOf(values: readonly string[]): string {
  return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Checks one present, non-null value. Returns the value to store, or a problem as
 * `{problem}`. (Timestamps come back normalized; months as the first day when stored as dates.)
 */
function checkValue(f: FieldSpec, type: FieldType, v: unknown): Value | { problem: string } {
  const name = f.name;
  switch (type.t) {
    case 'id':
    case 'ref': {
      const p = idProblem(v, name);
      return p ? { problem: p } : (v as string);
    }
    case 'timestamp': {
      const out = typeof v === 'string' ? normalizeTimestamp(v) : null;
      return (
        out ?? { problem: `${name} is not an ISO 8601 timestamp with offset (like 2026-10-04T10:00:00Z or 2026-10-04T12:00:00+02:00)` }
      );
    }
    case 'date':
      return typeof v === 'string' && isDate(v) ? v : { problem: `${name} is not a date (YYYY-MM-DD)` };
    case 'month':
      if (typeof v !== 'string' || !isMonth(v)) return { problem: `${name} is not a month (YYYY-MM)` };
      return type.asDate ? `${v}-01` : v;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < type.min || v > type.max) {
        const range = type.max >= 2147483647 ? `>= ${type.min}` : `from ${type.min} to ${type.max}`;
        return { problem: `${name} must be an integer ${range}${typeof v === 'number' ? ` (got ${v})` : ` (got ${typeName(v)})`}` };
      }
      return v;
    case 'bool':
      return typeof v === 'boolean' ? v : { problem: `${name} must be a boolean (got ${typeName(v)})` };
    case 'enum':
      return typeof v === 'string' && type.values.includes(v)
        ? v
        : { problem: `${name} must be ${listOf(type.values)}${typeof v === 'string' ? ` (got "${v.slice(0, 40)}")` : ''}` };
    case 'country':
      return typeof v === 'string' && COUNTRY.test(v)
        ? v
        : { problem: `${name} must be an ISO 3166-1 alpha-2 country code (two capital letters)` };
    case 'language':
      return typeof v === 'string' && LANGUAGE.test(v) ? v : { problem: `${name} must be a language code such as en or pt-BR` };
    case 'text':
      if (typeof v !== 'string') return { problem: `${name} must be a string (got ${typeName(v)})` };
      if (!fits(v, type.max))
        return {
          problem: `${name} must be at most ${type.max.toLocaleString('en-US')} characters (got ${charCount(v).toLocaleString('en-US')})`,
        };
      if (type.nonEmpty && v.trim() === '') return { problem: `${name} must not be empty` };
      if (hasNul(v) || !wellFormed(v)) return { problem: `${name} must not contain NUL characters or lone surrogates` };
      return v;
  }
}

// ---------------------------------------------------------------------------------------

/** Unknown fields named in a refusal; the rest are counted. */
const MAX_NAMED_UNKNOWN = 5;

/**
 * Validates records of one kind. `validate` fills `out` with one value per field (in the
 * kind's field order; references as the referenced id) and returns null, or returns the
 * reason the record is refused.
 */
export class RecordValidator {
  private readonly fields: FieldSpec[];
  private readonly instants: Record<string, bigint> = {};
  private readonly byName: Record<string, unknown> = {};
  private readonly known: Set<string>;
  readonly identityIndex: number;

  constructor(readonly spec: KindSpec) {
    this.fields = spec.fields;
    this.known = new Set(spec.fields.map((f) => f.name));
    this.identityIndex = spec.fields.findIndex((f) => f.name === spec.identity);
  }

  /** Names the fields the kind does not have (`__proto__` and `constructor` included: JSON gives them as own keys). */
  private unknownFields(rec: Record<string, unknown>): string | null {
    const names: string[] = [];
    let more = 0;
    for (const k in rec) {
      if (this.known.has(k)) continue;
      if (names.length < MAX_NAMED_UNKNOWN) names.push(k.length > 40 ? `${k.slice(0, 40)}…` : k);
      else more++;
    }
    if (!names.length) return null;
    const list = names.map((k) => JSON.stringify(k)).join(', ') + (more ? ` and ${more} more` : '');
    return `${names.length + more === 1 ? 'unknown field' : 'unknown fields'} ${list} (${this.spec.kind} records have ${this.fields.map((f) => f.name).join(', ')})`;
  }

  /** The record's identity when it has a usable one (for reports), else undefined. */
  identityOf(raw: unknown): string | undefined {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
    const v = (raw as Record<string, unknown>)[this.spec.identity];
    return typeof v === 'string' && v.length <= MAX_ID_LENGTH * 2 ? v : undefined;
  }

  validate(raw: unknown, out: Value[]): string | null {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return `a record must be a JSON object (got ${typeName(raw)})`;
    const proto = Object.getPrototypeOf(raw);
    if (proto !== Object.prototype && proto !== null) return 'a record must be a plain JSON object';
    const rec = raw as Record<string, unknown>;
    const fields = this.fields;
    let problems: string[] | null = null;
    let present = 0;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const v = rec[f.name];
      if (v !== undefined) present++;
      if (v === undefined || v === null) {
        if (f.default !== undefined) out[i] = f.default;
        else if (f.nullable) out[i] = null;
        else (problems ??= []).push(v === undefined ? `missing field ${f.name}` : `${f.name} must not be null`);
        continue;
      }
      const checked = checkValue(f, f.type, v);
      if (checked !== null && typeof checked === 'object') (problems ??= []).push(checked.problem);
      else out[i] = checked;
    }
    let keys = 0;
    for (const _ in rec) keys++;
    if (keys !== present) {
      const unknown = this.unknownFields(rec); // (or a known field given as undefined, which is no problem)
      if (unknown) (problems ??= []).push(unknown);
    }
    if (problems) return problems.join('; ');
    const rule = this.spec.rule;
    if (rule) {
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        this.byName[f.name] = out[i];
        if (f.type.t === 'timestamp' && out[i] !== null) this.instants[f.name] = timestampMicros(out[i] as string);
      }
      return rule(this.byName, this.instants);
    }
    return null;
  }
}
