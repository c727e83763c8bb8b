import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareEarnings, type ComparisonInput, type PeriodFigures, type StoryFigures } from './earnings-comparison.js';

const story = (storyId: string, a: bigint, seconds: bigint): StoryFigures => ({
  storyId,
  earningsMicros: a,
  readingTimeMicros: a,
  engagementMicros: 0n,
  readRatioAdjustmentMicros: 0n,
  followerBonusMicros: 0n,
  boostBonusMicros: 0n,
  views: 2,
  reads: 2,
  readRatioAdjustmentBps: 10000,
  memberReads: 2,
  memberReadingSeconds: seconds,
  clappers: 0,
  highlighters: 0,
  repliers: 0,
  newFollows: 0,
  followerReaders: 0,
  boostedReaders: 0,
});
const run = { poolMicros: 10_000_000n, memberCount: 2 };
const period = (p: string, stories: StoryFigures[], extra: Partial<PeriodFigures> = {}): PeriodFigures => ({
  period: p,
  run,
  stories,
  referralMicros: 0n,
  adjustmentsMicros: 0n,
  statement: null,
  ...extra,
});
const input = (previous: PeriodFigures, current: PeriodFigures): ComparisonInput => ({
  previous,
  current,
  stories: { x: { title: 'Rings', publishedAt: null, status: 'published', membersOnly: true } },
  boosts: [],
  enrollments: [{ enrolledAt: new Date('2025-01-01T00:00:00Z'), leftAt: null }],
  payoutAccount: { status: 'verified', taxStatus: 'verified' },
  minPayoutCents: 1000n,
  forfeitAfterDays: 180,
});

describe('compareEarnings: reading excluded after review', () => {
  it('is its own cause with its exact amount; the story’s other causes get it back, so the change still adds up', () => {
    // $5.00 → $2.00; the excluded reading would have earned $2.50 of it
    const c = compareEarnings(
      input(
        period('2026-09', [story('x', 5_000_000n, 3600n)]),
        period('2026-10', [story('x', 2_000_000n, 1200n)], { excludedReading: [{ storyId: 'x', members: 3, amountMicros: 2_500_000n }] }),
      ),
    );
    expect(c.changeMicros).toBe(-3_000_000n);
    expect(c.causes.map((x) => [x.kind, x.amountMicros, x.text])).toEqual([
      [
        'reading_excluded',
        -2_500_000n,
        "reading of 'Rings' by 3 members excluded after review (it did not count toward your earnings): −$2.50",
      ],
      ['reading_time', -500_000n, "member reading time on 'Rings' fell 66% (1 h → 20 min): −$0.50"],
    ]);
    expect(c.residualMicros).toBe(0n);
  });

  it('for any changes and excluded amounts, the causes plus the residual are the change to the µ$', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 50_000_000n }),
        fc.bigInt({ min: 0n, max: 50_000_000n }),
        fc.bigInt({ min: 0n, max: 50_000_000n }),
        fc.boolean(),
        (before, now, excluded, same) => {
          const prev = before === 0n ? [] : [story('x', before, 3600n)];
          const cur = now === 0n ? [] : [story('x', now, same ? 3600n : 1200n)];
          const c = compareEarnings(
            input(
              period('2026-09', prev),
              period('2026-10', cur, { excludedReading: [{ storyId: 'x', members: 1, amountMicros: excluded }] }),
            ),
          );
          expect(c.causes.reduce((s, x) => s + x.amountMicros, 0n) + c.residualMicros).toBe(now - before);
          if (excluded >= 10_000n) expect(c.causes.find((x) => x.kind === 'reading_excluded')?.amountMicros).toBe(-excluded);
        },
      ),
      { numRuns: 300 },
    );
  });
});
