import { describe, expect, it } from '@jest/globals';
import {
  isPeriod,
  monthIndex,
  nextPeriod,
  periodBefore,
  periodBounds,
  periodCheck,
  periodOf,
  periodOfIndex,
  periodProblem,
  previousPeriod,
} from './period.js';

describe('periods', () => {
  it('the scheduled run on the 2nd honors the month before, across a year boundary', () => {
    expect(periodBefore(new Date('2026-12-02T02:00:00Z'))).toBe('2026-11');
    expect(periodBefore(new Date('2027-01-02T02:00:00Z'))).toBe('2026-12');
  });

  it('month indexes round-trip and refuse non-periods', () => {
    expect(periodOfIndex(monthIndex('2026-01') - 1)).toBe('2025-12');
    expect(() => monthIndex('2026-13')).toThrow(/not a period/);
  });

  it('previous and next cross year boundaries; the month of an instant is UTC', () => {
    expect([previousPeriod('2026-01'), nextPeriod('2026-12'), previousPeriod('2026-10')]).toEqual(['2025-12', '2027-01', '2026-09']);
    expect(periodOf(new Date('2026-10-31T23:30:00-02:00'))).toBe('2026-11');
  });

  it('bounds are [first instant, first instant of the next month) in UTC', () => {
    expect(periodBounds('2026-12')).toMatchObject({ startIso: '2026-12-01T00:00:00.000Z', endIso: '2027-01-01T00:00:00.000Z' });
  });

  it('accepts only months within the sane calendar range, naming what is wrong', () => {
    expect(['2000-01', '2026-10', '2099-12'].map(isPeriod)).toEqual([true, true, true]);
    expect(
      ['0000-01', '0001-01', '1999-12', '2100-01', '2026-13', '2026-1', '2026-10-01', '+27576-09', 202610, null].map(isPeriod),
    ).toEqual(Array(10).fill(false));
    expect(periodProblem('2026-13')).toBe('must be a month YYYY-MM');
    expect(periodProblem('0000-01')).toBe('must be a month from 2000-01 to 2099-12');
    expect(periodCheck('period')).toContain(`period >= '2000-01'`);
  });
});
