import { downloadCSV, type Exporter } from 'react-admin';
import { roundingLineLabel } from '@libs/help-desk/src/rounding-line';
import { microsToDecimalDollars, shownRoundingMicros, type MoneyValue } from '../money';

/**
 * CSV exports designed per list: the columns a spreadsheet user wants, named in words, one
 * row per record (nested data is its own export). Money is given twice: in dollars as the
 * screens show them (rounded half to even to the cent) and in exact integer micro-dollars.
 */
export type CsvColumn<R> =
  | { header: string; value: (r: R) => unknown }
  | { header: string; micros: (r: R) => MoneyValue }
  | { header: string; cents: (r: R) => MoneyValue };

type Row = Record<string, unknown>;

/** A money column in dollars and in µ$. */
export const money = <R>(header: string, micros: (r: R) => MoneyValue): CsvColumn<R> => ({ header, micros });
export const cents = <R>(header: string, c: (r: R) => MoneyValue): CsvColumn<R> => ({ header, cents: c });
export const col = <R>(header: string, value: (r: R) => unknown): CsvColumn<R> => ({ header, value });

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

/** The header and rows of a CSV (RFC 4180, CRLF, formula-looking text defused). */
export function toCsv<R>(records: R[], columns: CsvColumn<R>[]): string {
  const header: string[] = [];
  for (const c of columns) {
    if ('micros' in c || 'cents' in c) header.push(`${c.header} (USD)`, `${c.header} (µ$)`);
    else header.push(c.header);
  }
  const lines = [header.map(cell).join(',')];
  for (const r of records) {
    const out: unknown[] = [];
    for (const c of columns) {
      if ('micros' in c) {
        const v = c.micros(r);
        out.push(microsToDecimalDollars(v), v ?? '');
      } else if ('cents' in c) {
        const v = c.cents(r);
        const m = v === null || v === undefined || v === '' ? '' : (BigInt(String(v)) * 10_000n).toString();
        out.push(microsToDecimalDollars(m), m);
      } else out.push(c.value(r));
    }
    lines.push(out.map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A react-admin exporter for a list with these columns (file named after the resource). */
export const exporterOf =
  <R>(columns: CsvColumn<R>[]): Exporter =>
  (records, _fetchRelated, _dataProvider, resource) =>
    downloadCSV(toCsv(records as R[], columns), resource ?? 'export');

/** Fallback for lists without a designed export: the records' flat fields, money in dollars and µ$ (nested values as JSON in one cell). */
export const csvExporter: Exporter = (records, fetchRelated, dataProvider, resource) => {
  const keys = [...new Set((records as Row[]).flatMap((r) => Object.keys(r)))];
  const columns: CsvColumn<Row>[] = keys.flatMap((k): CsvColumn<Row>[] => {
    if (/Micros$/.test(k)) return [money(k.replace(/Micros$/, ''), (r) => r[k] as MoneyValue)];
    if (/Cents$/.test(k)) return [cents(k.replace(/Cents$/, ''), (r) => r[k] as MoneyValue)];
    return [col(k, (r) => r[k])];
  });
  return exporterOf(columns)(records, fetchRelated, dataProvider, resource);
};
