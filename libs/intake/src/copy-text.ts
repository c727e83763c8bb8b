/*
 * PostgreSQL COPY text format (tab-separated, `\N` for null, backslash escapes): how
 * validated records travel to the database, from the import and the API alike.
 */
import type { FieldSpec } from './kinds.js';
import type { Value } from './validate.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

/**
 * Encodes rows of one kind. Values whose validated format cannot hold a tab, newline or
 * backslash (timestamps, dates, enums, numbers, keys) skip the escape check.
 */
export class RowEncoder {
  private readonly free: boolean[];

  constructor(fields: readonly FieldSpec[]) {
    this.free = fields.map((f) => f.type.t !== 'id' && f.type.t !== 'text');
  }

  /** One COPY row: the line number (when staging), then the values. */
  row(lineNo: number | null, values: readonly Value[]): string {
    let row = lineNo === null ? '' : `${lineNo}\t`;
    const free = this.free;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (i) row += '\t';
      if (v === null) row += '\\N';
      else if (typeof v === 'string') row += free[i] ? v : copyText(v);
      else if (typeof v === 'number') row += v;
      else row += v ? 't' : 'f';
    }
    return `${row}\n`;
  }
}
