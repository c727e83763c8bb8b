import { sum, type Micros } from '../../../core/src/money/money.js';
import type { PayoutState } from '../payout-rules.js';
import { transitionRefusal } from '../payout-transitions.js';
import { SETTLEMENT_LINE_CLASSES, SETTLEMENT_OUTCOMES, type SettlementLineClass } from '../settlement-rules.js';
import type { SettlementCsvLine } from './settlement-csv.js';

/** A payout of the run as the settlement compares it: its statement, author (the payout reference), state and amount. */
export interface RunPayout {
  id: string;
  authorId: string;
  state: PayoutState;
  returned: boolean;
  /** The integrity hold keeping the payout on hold, if one does. */
  integrityHold?: string | null;
  amountMicros: Micros;
}

export interface ClassifiedLine extends SettlementCsvLine {
  class: SettlementLineClass;
  statementId: string | null;
  authorId: string | null;
  /** The payout's amount in the run (null: no payout found). */
  expectedMicros: Micros | null;
  currentState: PayoutState | null;
  /** The state a matched line moves its payout to. */
  newState: PayoutState | null;
  /** Why the line does not move its payout, in words (null for matched lines). */
  reason: string | null;
}

export interface Classification {
  lines: ClassifiedLine[];
  /** The run's payouts no line names. */
  missing: RunPayout[];
}

/**
 * Compares each line with the run's payouts. A line names its payout by statement id or by
 * the payout's reference (the author id, one payout per author and run); a payout named by
 * an earlier line makes the later ones duplicates. Then the amount must be the payout's, to
 * the micro-dollar, and the move a transition the payout may make (mark-paid's check).
 * Lines finding their payout already in the state they report are `already_applied`.
 */
export function classifySettlement(lines: readonly SettlementCsvLine[], payouts: readonly RunPayout[]): Classification {
  const byId = new Map(payouts.map((p) => [p.id, p]));
  const byAuthor = new Map(payouts.map((p) => [p.authorId, p]));
  const seen = new Map<string, number>();
  const classified = lines.map((l): ClassifiedLine => {
    const p = byId.get(l.reference.toLowerCase()) ?? byAuthor.get(l.reference);
    const to = SETTLEMENT_OUTCOMES[l.status];
    const base = { ...l, statementId: p?.id ?? null, authorId: p?.authorId ?? null, expectedMicros: p?.amountMicros ?? null };
    const out = (cls: SettlementLineClass, reason: string | null, newState: PayoutState | null = null): ClassifiedLine => ({
      ...base,
      class: cls,
      currentState: p?.state ?? null,
      newState,
      reason,
    });
    if (!p) return out('unknown_reference', 'no payout of this run has this statement id or reference');
    const first = seen.get(p.id);
    if (first !== undefined) return out('duplicate', `the payout is already named on line ${first}`);
    seen.set(p.id, l.line);
    if (l.amountMicros !== p.amountMicros) return out('amount_mismatch', 'the amount is not the payout’s');
    if (p.state === to) return out('already_applied', `the payout is already ${to}`);
    const refused = transitionRefusal(p.id, p, to);
    if (refused) return out('transition_not_allowed', refused);
    return out('matched', null, to);
  });
  return { lines: classified, missing: payouts.filter((p) => !seen.has(p.id)) };
}

/** Lines and their file amounts per class. */
export function classTotals(lines: readonly ClassifiedLine[]): Record<SettlementLineClass, { lines: number; amountMicros: Micros }> {
  return Object.fromEntries(
    SETTLEMENT_LINE_CLASSES.map((c) => {
      const of = lines.filter((l) => l.class === c);
      return [c, { lines: of.length, amountMicros: sum(of.map((l) => l.amountMicros)) }];
    }),
  ) as Record<SettlementLineClass, { lines: number; amountMicros: Micros }>;
}
