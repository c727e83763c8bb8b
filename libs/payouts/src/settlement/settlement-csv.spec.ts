import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../core/src/http/errors.js';
import { parseSettlementCsv } from './settlement-csv.js';

const ID = '0b9d4a40-5a43-4d2e-9b1f-0e7c3f0a1b2c';

/** The 400's problems ({line, column, message}) of a refused file. */
function problems(text: string) {
  try {
    parseSettlementCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).getStatus()).toBe(400);
    return ((e as ApiError).getResponse() as { details: { line: number; column: string | null }[] }).details.map((p) => [p.line, p.column]);
  }
  throw new Error('the file was accepted');
}

describe('settlement CSV', () => {
  it('reads lines into exact micro-dollars, with aliases, quotes, CRLF, a BOM and a trailing blank line', () => {
    const text = `\ufeffstatement_id,status,amount,date,failure_code\r\n${ID},paid,12.34,2026-11-03,\r\n"a-writer",failed,"1,400.00",2026-11-04,account_closed\r\n\r\n`;
    expect(parseSettlementCsv(text)).toEqual([
      { line: 2, reference: ID, status: 'paid', amountMicros: 12_340_000n, date: '2026-11-03', failureCode: null },
      { line: 3, reference: 'a-writer', status: 'failed', amountMicros: 1_400_000_000n, date: '2026-11-04', failureCode: 'account_closed' },
    ]);
    // Columns in any order; failure_code may be left out.
    expect(parseSettlementCsv(`date,amount,status,reference\n2026-11-03,5,paid,x1\n`)).toEqual([
      { line: 2, reference: 'x1', status: 'paid', amountMicros: 5_000_000n, date: '2026-11-03', failureCode: null },
    ]);
  });

  it('refuses a bad line naming its line and column', () => {
    const head = 'reference,status,amount,date,failure_code\n';
    expect(problems(`${head}x1,paid,12.3.4,2026-11-03,\n`)).toEqual([[2, 'amount']]);
    expect(problems(`${head}x1,paid,1e3,2026-11-03,\n`)).toEqual([[2, 'amount']]);
    expect(problems(`${head}x1,paid,-5,2026-11-03,\n`)).toEqual([[2, 'amount']]);
    expect(problems(`${head}x1,paid,0,2026-11-03,\n`)).toEqual([[2, 'amount']]);
    expect(problems(`${head}x1,sent,5,2026-11-03,\n`)).toEqual([[2, 'status']]);
    expect(problems(`${head}x1,paid,5,2026-02-30,\n`)).toEqual([[2, 'date']]);
    expect(problems(`${head}x1,failed,5,2026-11-03,\n`)).toEqual([[2, 'failure_code']]);
    expect(problems(`${head}x1,paid,5,2026-11-03,account_closed\n`)).toEqual([[2, 'failure_code']]);
    expect(problems(`${head}x1,returned,5,2026-11-03,Account Closed\n`)).toEqual([[2, 'failure_code']]);
    expect(problems(`${head},paid,5,2026-11-03,\n`)).toEqual([[2, 'reference']]);
    expect(problems(`${head}x1,paid,5\n`)).toEqual([[2, null]]);
    expect(problems(`${head}x1,paid,5,2026-11-03,\nx2,pa"id,5,2026-11-03,\n`)).toEqual([[3, null]]);
    expect(problems(`${head}"x1,paid,5,2026-11-03,\n`)).toEqual([[2, null]]);
    // Several bad lines: each named.
    expect(problems(`${head}x1,paid,5,2026-11-03,\nx2,paid,five,2026-11-03,\nx3,lost,5,2026-13-01,\n`)).toEqual([
      [3, 'amount'],
      [4, 'status'],
      [4, 'date'],
    ]);
  });

  it('refuses a bad header, an empty file, a file without lines, NUL bytes and an oversized file', () => {
    expect(problems('reference,status,amount\n')).toEqual([[1, 'date']]);
    expect(problems('reference,status,amount,date,memo\nx1,paid,5,2026-11-03,hi\n')).toEqual([[1, 'memo']]);
    expect(problems('reference,statement_id,status,amount,date\n')).toEqual([[1, 'reference']]);
    expect(problems('')).toEqual([[1, null]]);
    expect(problems('reference,status,amount,date\n')).toEqual([[2, null]]);
    expect(problems('reference,status,amount,date\nx\u0000,paid,5,2026-11-03\n')).toEqual([[0, null]]);
    expect(problems(`reference,status,amount,date\n${'x1,paid,5,2026-11-03\n'.repeat(450_000)}`)).toEqual([[0, null]]);
  });
});
