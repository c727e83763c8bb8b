import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { apportion, divFloor, formatCents, formatDollars, roundCentsHalfEven } from './money.js';

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
