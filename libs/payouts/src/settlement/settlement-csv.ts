import { ApiError } from '../../../core/src/http/errors.js';
import { parseDollars, type Micros } from '../../../core/src/money/money.js';
import { FAILURE_CODE_PATTERN } from '../payout-failure-codes.js';
import {
  FAILED_SETTLEMENT_STATUSES,
  MAX_SETTLEMENT_BYTES,
  MAX_SETTLEMENT_LINES,
  REQUIRED_SETTLEMENT_COLUMNS,
  SETTLEMENT_COLUMN_ALIASES,
  SETTLEMENT_COLUMNS,
  SETTLEMENT_STATUSES,
  type SettlementColumn,
  type SettlementStatus,
} from '../settlement-rules.js';

/** One line of a settlement file, validated. */
export interface SettlementCsvLine {
  /** The line of the file where the record starts (the header is line 1). */
  line: number;
  reference: string;
  status: SettlementStatus;
  amountMicros: Micros;
  /** YYYY-MM-DD. */
  date: string;
  failureCode: string | null;
}

/** A problem with the file: where (line, column) and what. */
export interface SettlementCsvProblem {
  field: 'content';
  line: number;
  column: string | null;
  message: string;
}

/** The most problems one answer lists (the file is refused at the first one all the same). */
const MAX_PROBLEMS = 50;
const MAX_REFERENCE_LENGTH = 64;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2099 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Splits CSV text (RFC 4180: commas, double quotes with "" inside, CRLF or LF) into
 * records with the line each starts on. A stray quote or an unterminated one is a problem.
 */
function* records(text: string): Generator<{ line: number; fields: string[] } | { line: number; error: string }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    for (;;) {
      const c = text[i];
      if (c === '"' && field === '') {
        i++;
        for (;;) {
          if (i >= text.length) return yield { line: start, error: 'a quoted field is not closed' };
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === '\n') line++;
          field += text[i++];
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          yield { line: start, error: 'text after a closing quote' };
          while (i < text.length && text[i] !== '\n') i++;
          i++;
          line++;
          break;
        }
        continue;
      }
      if (c === undefined || c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
        fields.push(field);
        i += c === '\r' ? 2 : 1;
        line++;
        yield { line: start, fields };
        break;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      if (c === '"' || c === '\r') {
        yield { line: start, error: c === '"' ? 'a quote inside an unquoted field' : 'a carriage return without a line feed' };
        while (i < text.length && text[i] !== '\n') i++;
        i++;
        line++;
        break;
      }
      field += c;
      i++;
    }
  }
}

const refuse = (problems: SettlementCsvProblem[]) =>
  new ApiError(
    400,
    'validation_failed',
    `the settlement file is not valid: ${problems
      .slice(0, 3)
      .map((p) => `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`)
      .join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
    problems,
  );

/** The header's columns in order (aliases resolved), or the problems with it. */
function header(fields: string[], problems: SettlementCsvProblem[]): (SettlementColumn | null)[] {
  const columns = fields.map((raw) => {
    const name = raw.trim().toLowerCase();
    const column = (SETTLEMENT_COLUMNS as readonly string[]).includes(name)
      ? (name as SettlementColumn)
      : (SETTLEMENT_COLUMN_ALIASES[name] ?? null);
    if (!column)
      problems.push({
        field: 'content',
        line: 1,
        column: raw.slice(0, 40),
        message: `unknown column (expected ${SETTLEMENT_COLUMNS.join(', ')})`,
      });
    return column;
  });
  for (const c of SETTLEMENT_COLUMNS) {
    if (columns.filter((x) => x === c).length > 1)
      problems.push({ field: 'content', line: 1, column: c, message: 'the column is named twice' });
  }
  for (const c of REQUIRED_SETTLEMENT_COLUMNS) {
    if (!columns.includes(c)) problems.push({ field: 'content', line: 1, column: c, message: 'the header lacks this column' });
  }
  return columns;
}

/** One record into a line, or its problems. */
function line(n: number, values: Partial<Record<SettlementColumn, string>>, problems: SettlementCsvProblem[]): SettlementCsvLine | null {
  const before = problems.length;
  const bad = (column: SettlementColumn, message: string) => problems.push({ field: 'content', line: n, column, message });
  const reference = values.reference ?? '';
  if (!reference) bad('reference', 'empty: a statement id or payout reference is required');
  else if (reference.length > MAX_REFERENCE_LENGTH || /[\p{Cc}\s]/u.test(reference))
    bad('reference', `not a reference (1 to ${MAX_REFERENCE_LENGTH} characters, no spaces or control characters)`);
  const status = values.status ?? '';
  if (!(SETTLEMENT_STATUSES as readonly string[]).includes(status))
    bad('status', `"${status.slice(0, 20)}" is not one of ${SETTLEMENT_STATUSES.join(', ')}`);
  let amountMicros = 0n;
  try {
    amountMicros = parseDollars(values.amount ?? '');
    if (amountMicros <= 0n) bad('amount', 'must be more than 0');
  } catch (e) {
    bad('amount', (e as Error).message);
  }
  const date = values.date ?? '';
  if (!validDate(date)) bad('date', `"${date.slice(0, 20)}" is not a date (YYYY-MM-DD, 2000 to 2099)`);
  const failureCode = values.failure_code ?? '';
  const failed = (FAILED_SETTLEMENT_STATUSES as readonly string[]).includes(status);
  if (failed && !failureCode) bad('failure_code', `a ${status} line needs its failure code`);
  else if (!failed && failureCode && status) bad('failure_code', `a ${status} line has no failure code`);
  else if (failureCode && !FAILURE_CODE_PATTERN.test(failureCode))
    bad('failure_code', 'not a failure code (lower-case letters, digits and _)');
  if (problems.length > before) return null;
  return { line: n, reference, status: status as SettlementStatus, amountMicros, date, failureCode: failureCode || null };
}

/**
 * Reads a settlement file: a header naming the columns (any order; `failure_code` may be
 * left out when nothing failed), then one line per payout. Values are taken as written
 * (surrounding spaces trimmed). Any problem refuses the whole file with a 400 naming each
 * bad line and column (the first 50).
 */
export function parseSettlementCsv(text: string): SettlementCsvLine[] {
  const problems: SettlementCsvProblem[] = [];
  if (Buffer.byteLength(text, 'utf8') > MAX_SETTLEMENT_BYTES)
    throw refuse([
      { field: 'content', line: 0, column: null, message: `the file is larger than ${MAX_SETTLEMENT_BYTES / 1024 / 1024} MB` },
    ]);
  if (text.includes('\u0000'))
    throw refuse([{ field: 'content', line: 0, column: null, message: 'the file contains NUL bytes: not a CSV text file' }]);
  let columns: (SettlementColumn | null)[] | null = null;
  const lines: SettlementCsvLine[] = [];
  for (const r of records(text)) {
    if (problems.length >= MAX_PROBLEMS) break;
    if ('error' in r) {
      problems.push({ field: 'content', line: r.line, column: null, message: r.error });
      continue;
    }
    if (r.fields.length === 1 && r.fields[0]!.trim() === '') continue; // blank lines (e.g. at the end)
    if (!columns) {
      columns = header(r.fields, problems);
      if (problems.length) break;
      continue;
    }
    if (r.fields.length !== columns.length) {
      problems.push({ field: 'content', line: r.line, column: null, message: `${r.fields.length} values for ${columns.length} columns` });
      continue;
    }
    if (lines.length >= MAX_SETTLEMENT_LINES) {
      problems.push({ field: 'content', line: r.line, column: null, message: `more than ${MAX_SETTLEMENT_LINES} lines: split the file` });
      break;
    }
    const values: Partial<Record<SettlementColumn, string>> = {};
    columns.forEach((c, i) => (values[c!] = r.fields[i]!.trim()));
    const parsed = line(r.line, values, problems);
    if (parsed) lines.push(parsed);
  }
  if (!columns && !problems.length)
    problems.push({ field: 'content', line: 1, column: null, message: 'the file is empty: a header line is needed' });
  else if (columns && !lines.length && !problems.length)
    problems.push({ field: 'content', line: 2, column: null, message: 'the file has no lines after its header' });
  if (problems.length) throw refuse(problems.slice(0, MAX_PROBLEMS));
  return lines;
}
