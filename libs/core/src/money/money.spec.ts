import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  apportion,
  divFloor,
  formatCents,
  formatDollars,
  parseDollars,
  roundCentsHalfEven,
  shownBreakdown,
  shownDifferenceCents,
} from './money.js';

describe('money helpers', () => {
  it('divFloor rounds toward negative infinity', () => {
    expect([divFloor(7n, 2n), divFloor(-7n, 2n), divFloor(7n, -2n), divFloor(-7n, -2n), divFloor(-6n, 3n)]).toEqual([
      3n,
      -4n,
      -4n,
      3n,
      -2n,
    ]);
    expect(() => divFloor(1n, 0n)).toThrow(RangeError);
  });

  it('apportion splits any amount exactly, in proportion, the rest to the largest weight', () => {
    expect(apportion(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(apportion(-10n, [3n, 1n])).toEqual([-7n, -3n]); // floors -8 and -3, the rest (+1) to the largest weight
    expect(apportion(5n, [0n, 0n])).toEqual([3n, 2n]);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const parts = apportion(total, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        },
      ),
    );
  });

  it('formats cents and signed dollars', () => {
    expect(formatCents(1000n)).toBe('$10.00');
    expect(formatDollars(-12_400_000n, { signed: true })).toBe('−$12.40');
    expect(formatDollars(3_000_000n, { signed: true })).toBe('+$3.00');
  });

  it('rounds sub-cent amounts half to even, not cut', () => {
    expect([5_000n, 15_000n, 25_000n, 5_001n, 9_999n, -15_000n, -5_001n].map(roundCentsHalfEven)).toEqual([0n, 2n, 2n, 1n, 1n, -2n, -1n]);
    expect(formatDollars(1_239_999n)).toBe('$1.24');
  });
});

describe('shown breakdowns', () => {
  it('the parts rounded to the cent plus the one rounding line equal the whole rounded to the cent', () => {
    // $3.48 + $1,182.24 shown under a balance of $1,185.73: the line shows the cent.
    expect(shownBreakdown([3_484_999n, 1_182_244_999n], 1_185_729_998n)).toEqual({
      partsCents: [348n, 118224n],
      wholeCents: 118573n,
      roundingCents: 1n,
    });
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 12 }), (parts) => {
        const whole = parts.reduce((a, b) => a + b, 0n);
        const shown = shownBreakdown(parts, whole);
        expect(shown.wholeCents).toBe(roundCentsHalfEven(whole));
        expect(shown.partsCents.reduce((a, b) => a + b, 0n) + shown.roundingCents).toBe(shown.wholeCents);
        // The line stays small: at most half a cent per part.
        expect(2n * (shown.roundingCents < 0n ? -shown.roundingCents : shown.roundingCents)).toBeLessThanOrEqual(BigInt(parts.length + 1));
      }),
      { numRuns: 500 },
    );
  });

  it('a whole shown as the difference of two shown amounts', () => {
    // $0.005 → $0.00 and $0.015 → $0.02 (half even): shown change −$0.02, not −$0.01.
    expect(shownDifferenceCents(5_000n, 15_000n)).toBe(-2n);
    expect(shownBreakdown([-10_000n], -10_000n, { wholeCents: -2n }).roundingCents).toBe(-1n);
  });
});

describe('parseDollars', () => {
  it('reads decimal dollars into exact micro-dollars', () => {
    expect(['12.34', '0.1', '-0.5', '1,234.56', '+7', '0.000001', '00012.30'].map(parseDollars)).toEqual([
      12_340_000n,
      100_000n,
      -500_000n,
      1_234_560_000n,
      7_000_000n,
      1n,
      12_300_000n,
    ]);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (v) => {
        const a = v < 0n ? -v : v;
        const text = `${v < 0n ? '-' : ''}${a / 1_000_000n}.${(a % 1_000_000n).toString().padStart(6, '0')}`;
        expect(parseDollars(text)).toBe(v);
      }),
    );
  });

  it('refuses anything that is not plainly a decimal amount', () => {
    for (const bad of ['', ' 1', '1 ', '$1', '1e3', '1.2.3', '1.', '.5', '1.1234567', '1,23', 'NaN', '0x10', '1_000', '9999999999999'])
      expect(() => parseDollars(bad)).toThrow(RangeError);
  });
});
