import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mayChangePayout, PAYOUT_STATES, type PayoutState } from '../payout-rules.js';
import { SETTLEMENT_OUTCOMES, SETTLEMENT_STATUSES } from '../settlement-rules.js';
import { classifySettlement, type RunPayout } from './settlement-classify.js';
import type { SettlementCsvLine } from './settlement-csv.js';

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A run's payouts and a file about them: lines naming a payout (by id or author) or nobody, at its amount or not. */
const scenario = fc
  .array(fc.record({ state: fc.constantFrom(...PAYOUT_STATES), returned: fc.boolean(), cents: fc.integer({ min: 1, max: 10_000 }) }), {
    minLength: 1,
    maxLength: 12,
  })
  .chain((ps) => {
    const payouts: RunPayout[] = ps.map((p, i) => ({
      id: id(i),
      authorId: `m${i}`,
      state: p.state as PayoutState,
      returned: p.returned,
      amountMicros: BigInt(p.cents) * 10_000n,
    }));
    const line = fc.record({
      who: fc.integer({ min: -1, max: payouts.length - 1 }),
      byAuthor: fc.boolean(),
      status: fc.constantFrom(...SETTLEMENT_STATUSES),
      off: fc.constantFrom(0n, 0n, 0n, 1n, -10_000n),
    });
    return fc.tuple(fc.constant(payouts), fc.array(line, { maxLength: 20 }));
  })
  .map(([payouts, specs]) => {
    const lines: SettlementCsvLine[] = specs.map((s, i) => {
      const p = s.who >= 0 ? payouts[s.who]! : null;
      return {
        line: i + 2,
        reference: p ? (s.byAuthor ? p.authorId : p.id.toUpperCase()) : `nobody-${i}`,
        status: s.status,
        amountMicros: (p?.amountMicros ?? 1_000_000n) + s.off > 0n ? (p?.amountMicros ?? 1_000_000n) + s.off : 1n,
        date: '2026-12-01',
        failureCode: s.status === 'paid' ? null : 'account_closed',
      };
    });
    return { payouts, lines };
  });

describe('settlement classification', () => {
  it('matched lines are allowed transitions, one per payout; applying them and classifying again matches nothing more', () => {
    fc.assert(
      fc.property(scenario, ({ payouts, lines }) => {
        const first = classifySettlement(lines, payouts);
        const matched = first.lines.filter((l) => l.class === 'matched');
        expect(new Set(matched.map((l) => l.statementId)).size).toBe(matched.length);
        const byId = new Map(payouts.map((p) => [p.id, p]));
        for (const l of matched) {
          const p = byId.get(l.statementId!)!;
          expect(l.newState).toBe(SETTLEMENT_OUTCOMES[l.status]);
          expect(p.state !== l.newState && mayChangePayout(p.state, l.newState!, p.returned)).toBe(true);
          expect(l.amountMicros).toBe(p.amountMicros);
        }
        // Apply, then the same file again: nothing matches, the applied lines are already applied, the rest unchanged.
        const after = payouts.map((p) => ({ ...p, state: matched.find((l) => l.statementId === p.id)?.newState ?? p.state }));
        const again = classifySettlement(lines, after);
        expect(again.lines.filter((l) => l.class === 'matched')).toEqual([]);
        again.lines.forEach((l, i) => {
          const was = first.lines[i]!.class;
          expect(l.class).toBe(was === 'matched' ? 'already_applied' : was);
        });
        expect(again.missing.map((p) => p.id)).toEqual(first.missing.map((p) => p.id));
        // Every payout is either named by a line or missing.
        const named = new Set(first.lines.map((l) => l.statementId).filter(Boolean));
        expect(first.missing.length + named.size).toBe(payouts.length);
      }),
      { numRuns: 300 },
    );
  });
});
