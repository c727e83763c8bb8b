import { describe, expect, it } from '@jest/globals';
import { formatBpsPercent, formatCount, formatDuration, formatPercent } from './numbers.js';

describe('number formatting', () => {
  it('counts with thousands separators and a real minus sign', () => {
    expect([0, 999, 1000, 1_234_567, -4200].map(formatCount)).toEqual(['0', '999', '1,000', '1,234,567', '−4,200']);
    expect(formatCount(12_345_678_901_234_567_890n)).toBe('12,345,678,901,234,567,890');
  });

  it('durations in words', () => {
    expect([0, 50, 60, 336, 3600, 3700, 336_077].map(formatDuration)).toEqual([
      '0 s',
      '50 s',
      '1 min',
      '5 min 36 s',
      '1 h',
      '1 h 1 min',
      '93 h 21 min',
    ]);
    expect(formatDuration(10_000_000n)).toBe('2,777 h 46 min');
  });

  it('percentages of a part in a whole, rounded half to even', () => {
    expect(formatPercent(1, 7)).toBe('14.29%');
    expect(formatPercent(1, 8)).toBe('12.50%');
    expect(formatPercent(1, 800)).toBe('0.12%'); // 0.125 → 0.12 (half even)
    expect(formatPercent(3, 800)).toBe('0.38%'); // 0.375 → 0.38
    expect(formatPercent(0, 0)).toBe('—');
    expect(formatPercent(3, 4, { decimals: 1, trimZeros: true })).toBe('75%');
    expect(formatPercent(1, 7, { decimals: 1, trimZeros: true })).toBe('14.3%');
    expect(formatPercent(-1, 3)).toBe('−33.33%');
    expect(formatBpsPercent(5000)).toBe('50.00%');
  });
});
