/*
 * CSV exports designed per list (dependency-free, so the exporters' columns are unit-tested:
 * test/console/exporters.spec.ts): the columns a spreadsheet user wants, named in words, one
 * row per record (nested data is its own export). Money is given twice: in dollars as the
 * screens show them (rounded half to even to the cent) and in exact integer micro-dollars.
 */
import { roundingLineLabel } from '../../../../libs/help-desk/src/rounding-line.js';
import { microsToDecimalDollars, shownRoundingMicros, type MoneyValue } from '../money';

export type CsvColumn<R> =
  | { header: string; value: (r: R) => unknown }
  | { header: string; micros: (r: R) => MoneyValue }
  | { header: string; cents: (r: R) => MoneyValue };

/** A money column in dollars and in µ$ (two CSV columns). */
export const money = <R>(header: string, micros: (r: R) => MoneyValue): CsvColumn<R> => ({ header, micros });
/** An amount in whole cents, in dollars and in µ$ (two CSV columns). */
export const cents = <R>(header: string, c: (r: R) => MoneyValue): CsvColumn<R> => ({ header, cents: c });
export const col = <R>(header: string, value: (r: R) => unknown): CsvColumn<R> => ({ header, value });
/** yes / no ("" when unknown). */
export const yesNo = <R>(header: string, value: (r: R) => boolean | null | undefined): CsvColumn<R> =>
  col(header, (r) => {
    const v = value(r);
    return v === null || v === undefined ? '' : v ? 'yes' : 'no';
  });
/** A list of values in one cell, separated by "; ". */
export const list = <R>(header: string, values: (r: R) => readonly unknown[] | null | undefined): CsvColumn<R> =>
  col(header, (r) => (values(r) ?? []).join('; '));

/**
 * The rounding line of a breakdown, in dollars: what makes the dollar columns of the parts
 * add up to the dollar column of the whole (0.00 when they already do).
 */
export const roundingColumn = <R>(parts: ((r: R) => MoneyValue)[], whole: (r: R) => MoneyValue): CsvColumn<R> => ({
  header: `${roundingLineLabel()} (USD)`,
  value: (r) =>
    microsToDecimalDollars(
      shownRoundingMicros(
        parts.map((p) => p(r)),
        whole(r),
      ),
    ),
});

/** A CSV cell: quoted when needed; text a spreadsheet would run as a formula gets a leading apostrophe. */
const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+@\t\r]/.test(s) || /^-(?![\d.])/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The CSV header of these columns (a money column gives "X (USD)" and "X (µ$)"). */
export function csvHeader<R>(columns: CsvColumn<R>[]): string[] {
  return columns.flatMap((c) => ('micros' in c || 'cents' in c ? [`${c.header} (USD)`, `${c.header} (µ$)`] : [c.header]));
}

/** One record's cells, in the order of csvHeader. */
export function csvRow<R>(r: R, columns: CsvColumn<R>[]): unknown[] {
  return columns.flatMap((c): unknown[] => {
    if ('micros' in c) {
      const v = c.micros(r);
      return [microsToDecimalDollars(v), v ?? ''];
    }
    if ('cents' in c) {
      const v = c.cents(r);
      const m = v === null || v === undefined || v === '' ? '' : (BigInt(String(v)) * 10_000n).toString();
      return [microsToDecimalDollars(m), m];
    }
    return [c.value(r)];
  });
}

/** The header and rows of a CSV (RFC 4180, CRLF, formula-looking text defused). */
export function toCsv<R>(records: R[], columns: CsvColumn<R>[]): string {
  const lines = [csvHeader(columns), ...records.map((r) => csvRow(r, columns))].map((cells) => cells.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
