import { absMicros, formatDollars, sum } from '../../core/src/money/money.js';
import {
  byteOrder,
  CAUSE_KINDS,
  ITEMIZE_FROM_MICROS,
  periodEarnings,
  type Cause,
  type Comparison,
  type ComparisonInput,
} from './comparison-figures.js';
import { Explainer } from './earnings-causes.js';

export * from './comparison-figures.js';

/**
 * # Why did my earnings change? (the comparison of two periods)
 *
 * **Earnings** of a period, for this comparison, are what the writer earned *in* that
 * period: story earnings + legacy referral earnings + adjustments, i.e. the statement's
 * balance before the opening balance (spec/earnings.md step 9). Carry-overs and payouts are
 * not earnings; they are explained by zero-amount notes (below). Each period is read from
 * its payout run in state computed, approved or paid; a previous period without such a run
 * counts as zero (and a note says so).
 *
 * **Attribution** (deterministic, integer µ$ throughout; the causes plus the residual equal
 * the change exactly):
 *
 * 1. Per story present in both periods with earnings in both:
 *    a. *Pool per member.* When both runs have a pool and a member count and the pool per
 *       member changed, each of the story's previous breakdown parts `c` is rescaled to
 *       `c' = c × pool₁ × members₀ // (pool₀ × members₁)` (floor). `c' − c`, summed over
 *       stories, is the cause "pool per member".
 *    b. *Breakdown.* The change of each breakdown part `d_k = now_k − c'_k` for k in
 *       readingTime, engagement, readRatioAdjustment, followerBonus, boostBonus (step 6).
 *       The five differences add up to the story's change exactly.
 *    c. *Drivers.* Each part has a driving statistic (step 7): readingTime ← member reads /
 *       member reading seconds; engagement ← clappers, highlighters, repliers, new follows;
 *       readRatioAdjustment ← the read ratio multiplier (bps); followerBonus ← follower
 *       readers; boostBonus ← boosted readers. A part whose driver changed is named by it
 *       ("member reading time on 'Y' fell 40%", "read ratio of 'Z' fell from 52% to 31%",
 *       "Boost on 'X' ended on Oct 3 (UTC)" with the window from `boosts`, ...).
 *       A part whose driver did not change moved only because the story's share of its
 *       readers' contributions moved (allocation is a share of each member's contribution,
 *       step 5): when the story has changed drivers, those knock-on amounts are theirs and
 *       are apportioned among them in proportion to |d_k| (`apportion`: floor, the rest to
 *       the largest); when none changed, the whole story change is "the story got a
 *       smaller/larger share of its readers' membership fees" (their other reading or their
 *       contributions changed).
 * 2. A story with earnings only now is "new story" (or "earned again"); only before, "earned
 *    nothing this month" (with why: deleted, no longer members-only, enrollment ended).
 * 3. Referral earnings and adjustments: their differences, one cause each.
 * 4. Causes under one cent are not itemized: they form the residual, so that
 *    `sum(causes) + residual = change` to the µ$. Causes are ranked by absolute amount
 *    (ties: the fixed kind order, then story id byte-wise).
 * 5. Zero-amount notes follow the ranked causes: no previous run, balance carried over below
 *    the minimum payout, payout account not ready, balance forfeited, enrollment ended,
 *    payout failed or on hold, an opening that includes a payout released from review hold.
 *
 * Texts are writer-safe (second person, UTC dates, amounts in dollars): they go into the
 * writer-facing explanation as they are.
 */

/** Ranked: larger absolute amounts first; ties by the fixed kind order, then story id (byte-wise). */
export function rankCauses(causes: Cause[]): Cause[] {
  return [...causes].sort((x, y) => {
    const a = absMicros(y.amountMicros) - absMicros(x.amountMicros);
    if (a !== 0n) return a > 0n ? 1 : -1;
    const k = CAUSE_KINDS.indexOf(x.kind) - CAUSE_KINDS.indexOf(y.kind);
    if (k !== 0) return k;
    return byteOrder(x.storyId ?? '', y.storyId ?? '');
  });
}

/** The comparison of `current` with `previous` (see the method above). Pure and deterministic. */
export function compareEarnings(input: ComparisonInput): Comparison {
  const explainer = new Explainer(input);
  explainer.explain();
  const itemized = explainer.causes.filter((c) => c.amountMicros !== 0n && absMicros(c.amountMicros) >= ITEMIZE_FROM_MICROS);
  const small = explainer.causes.filter((c) => c.amountMicros !== 0n && absMicros(c.amountMicros) < ITEMIZE_FROM_MICROS);
  const earningsMicros = periodEarnings(input.current);
  const previousEarningsMicros = periodEarnings(input.previous);
  const changeMicros = earningsMicros - previousEarningsMicros;
  const residualMicros = changeMicros - sum(itemized.map((c) => c.amountMicros));
  const residualText =
    residualMicros === 0n && small.length === 0
      ? null
      : `${small.length === 1 ? '1 change under $0.01' : `${small.length} changes under $0.01 each`}, not itemized: ${formatDollars(residualMicros, { signed: true })}`;
  return {
    period: input.current.period,
    previousPeriod: input.previous.period,
    hasPreviousRun: input.previous.run !== null,
    earningsMicros,
    previousEarningsMicros,
    changeMicros,
    causes: [...rankCauses(itemized), ...explainer.notes()],
    residualMicros,
    residualText,
    notItemized: small.length,
  };
}
