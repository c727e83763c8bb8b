import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { monthIndex, periodOfIndex } from '../../core/src/period/period.js';
import { isHonoredReferral, REFERRAL_PROGRAM_ENDED, referralCreditCents, referralRefusal } from './referral-rules.js';

const months = (coversFrom: string, n: number) => Array.from({ length: n }, (_, k) => periodOfIndex(monthIndex(coversFrom) + k));

describe('step 8 figures', () => {
  it('a $5.00 monthly charge with $0.45 fees credits $2.27, in its own month only', () => {
    const charge = { plan: 'monthly' as const, netCents: 455n, coversFrom: '2026-10-01' };
    expect(referralCreditCents(charge, '2026-10')).toBe(227n);
    expect(referralCreditCents(charge, '2026-09')).toBe(0n);
    expect(referralCreditCents(charge, '2026-11')).toBe(0n);
  });

  it('a $50.00 annual charge with $1.75 fees credits $24.12 over the year, $2.01 a month', () => {
    const charge = { plan: 'annual' as const, netCents: 4825n, coversFrom: '2026-06-01' };
    const year = months('2026-06', 12).map((p) => referralCreditCents(charge, p));
    expect(year).toEqual(Array(12).fill(201n));
    expect(year.reduce((a, b) => a + b, 0n)).toBe(2412n);
    expect(referralCreditCents(charge, '2026-05')).toBe(0n);
    expect(referralCreditCents(charge, '2027-06')).toBe(0n);
  });

  it('an annual remainder goes one cent each to the first months, across a year boundary', () => {
    // net 4855 → total 2427 = 12 × 202 + 3: months 0..2 get 203, the rest 202
    const charge = { plan: 'annual' as const, netCents: 4855n, coversFrom: '2026-11-01' };
    expect(months('2026-11', 12).map((p) => referralCreditCents(charge, p))).toEqual([203n, 203n, 203n, ...Array(9).fill(202n)]);
  });

  it('an annual charge spreads exactly its total, never more than a cent apart (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 10000 }), (netCents, bps) => {
        const charge = { plan: 'annual' as const, netCents, coversFrom: '2025-03-01' };
        const parts = months('2025-03', 12).map((p) => referralCreditCents(charge, p, bps));
        const total = (netCents * BigInt(bps)) / 10000n;
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        expect(parts[0] - parts[11] <= 1n).toBe(true);
      }),
    );
  });
});

describe('the cutoff rule', () => {
  it('honors 2023-08-31T23:59:59Z and refuses 2023-09-01T00:00:00Z with the message', () => {
    expect(isHonoredReferral('2023-08-31T23:59:59Z')).toBe(true);
    expect(referralRefusal('2023-08-31T23:59:59Z')).toBeNull();
    expect(isHonoredReferral('2023-09-01T00:00:00Z')).toBe(false);
    expect(referralRefusal('2023-09-01T00:00:00Z')).toBe(REFERRAL_PROGRAM_ENDED);
    expect(REFERRAL_PROGRAM_ENDED).toBe('the referral program ended on 2023-09-01');
  });

  it('compares instants, not text: an offset that lands before the cutoff is honored', () => {
    expect(referralRefusal('2023-09-01T01:59:59+02:00')).toBeNull();
    expect(referralRefusal('2023-08-31T22:00:00-02:00')).toBe(REFERRAL_PROGRAM_ENDED);
    expect(referralRefusal(new Date('2024-01-01T00:00:00Z'))).toBe(REFERRAL_PROGRAM_ENDED);
  });

  it("leaves an unparsable timestamp to intake's own error", () => {
    expect(referralRefusal('yesterday')).toBeNull();
    expect(isHonoredReferral('yesterday')).toBe(false);
  });
});
