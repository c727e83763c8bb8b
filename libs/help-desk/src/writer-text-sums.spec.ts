import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareEarnings, type PeriodFigures, type StoryFigures } from './earnings-comparison.js';
import { writerText } from './writer-text.js';

/*
 * Property: in the writer-facing text, the amounts shown add up to the amount shown as
 * their whole, to the cent, with at most one rounding line per breakdown: earnings =
 * stories + referrals + adjustments; the change = now − before; the causes = the change;
 * a story's parts = its earnings.
 */

/** The cents of every "$1,234.56" / "−$0.12" / "+$3.00" in a line, in order. */
const amounts = (line: string): bigint[] =>
  [...line.matchAll(/([+−-]?)\$([\d,]+)\.(\d{2})/g)].map((m) => {
    const cents = BigInt(m[2]!.replace(/,/g, '')) * 100n + BigInt(m[3]!);
    return m[1] === '−' || m[1] === '-' ? -cents : cents;
  });
const total = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

const part = fc.bigInt({ min: 0n, max: 40_000_000n });
const storyOf = (storyId: string) =>
  fc
    .record({
      readingTime: part,
      engagement: part,
      ratio: fc.bigInt({ min: -3_000_000n, max: 3_000_000n }),
      follower: part,
      boost: fc.oneof(fc.constant(0n), part),
      reads: fc.integer({ min: 0, max: 50 }),
      extra: fc.integer({ min: 0, max: 50 }),
      seconds: fc.bigInt({ min: 0n, max: 40_000n }),
    })
    .map((r): StoryFigures => ({
      storyId,
      earningsMicros: r.readingTime + r.engagement + r.ratio + r.follower + r.boost,
      readingTimeMicros: r.readingTime,
      engagementMicros: r.engagement,
      readRatioAdjustmentMicros: r.ratio,
      followerBonusMicros: r.follower,
      boostBonusMicros: r.boost,
      views: r.reads + r.extra,
      reads: r.reads,
      readRatioAdjustmentBps: 10000,
      memberReads: r.reads,
      memberReadingSeconds: r.seconds,
      clappers: r.extra % 5,
      highlighters: r.reads % 3,
      repliers: 0,
      newFollows: 0,
      followerReaders: r.follower > 0n ? 1 : 0,
      boostedReaders: r.boost > 0n ? 1 : 0,
    }));
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
const periodOf = (p: string) =>
  fc
    .record({
      stories: fc.subarray(IDS, { minLength: 0, maxLength: 12 }).chain((ids) => fc.tuple(...ids.map(storyOf))),
      referral: fc.bigInt({ min: -5_000_000n, max: 20_000_000n }),
      adj: fc.bigInt({ min: -9_000_000n, max: 9_000_000n }),
    })
    .map((r): PeriodFigures => ({
      period: p,
      run: { poolMicros: 10_000_000n, memberCount: 4 },
      stories: r.stories,
      referralMicros: r.referral,
      adjustmentsMicros: r.adj,
      statement: null,
    }));

describe('writer-facing text: shown parts add up to the shown whole', () => {
  it('earnings, change, causes and every story line, for random breakdowns in µ$', () => {
    fc.assert(
      fc.property(periodOf('2026-09'), periodOf('2026-10'), (previous, current) => {
        const stories = Object.fromEntries(
          IDS.map((id) => [id, { title: `Story ${id}`, publishedAt: null, status: 'published', membersOnly: true }]),
        );
        const comparison = compareEarnings({
          previous,
          current,
          stories,
          boosts: [],
          enrollments: [],
          payoutAccount: null,
          minPayoutCents: 1000n,
          forfeitAfterDays: 180,
        });
        const storyMicros = current.stories.reduce((a, s) => a + s.earningsMicros, 0n);
        const text = writerText({
          period: '2026-10',
          final: true,
          comparison,
          storyEarningsMicros: storyMicros,
          referralMicros: current.referralMicros,
          adjustmentsMicros: current.adjustmentsMicros,
          stories: current.stories.map((s) => ({ title: `Story ${s.storyId}`, figures: s })),
          statement: null,
        });
        const lines = text.split('\n');
        // Earnings: whole first, then stories, referrals, adjustments and maybe one rounding line.
        const [earnings, ...earningParts] = amounts(lines[0]!);
        expect(earningParts.length === 3 || (earningParts.length === 4 && lines[0]!.includes('rounding to the cent'))).toBe(true);
        expect(total(earningParts)).toBe(earnings);
        // The change: "That is $X less/more than in … ($P)", or the same.
        const changeLine = lines[1]!;
        const [x, previousShown] = changeLine.startsWith('That is the same') ? [0n, amounts(changeLine)[0]!] : amounts(changeLine);
        const change = changeLine.includes(' less than ') ? -x! : x!;
        expect(earnings! - previousShown!).toBe(change);
        // The causes (and the one line of the rest) add up to the change.
        const start = lines.indexOf('What changed, largest first:');
        const causes = start < 0 ? [] : lines.slice(start + 1, lines.indexOf('', start));
        expect(total(causes.map((l) => amounts(l).at(-1)!))).toBe(change);
        expect(causes.filter((l) => /rounding to the cent/.test(l)).length).toBeLessThanOrEqual(1);
        // Each story line: its earnings first, then its parts (and maybe one rounding part).
        const storiesAt = lines.findIndex((l) => l.startsWith('Your stories in'));
        const storyLines =
          storiesAt < 0 ? [] : lines.slice(storiesAt + 1, lines.indexOf('', storiesAt)).filter((l) => !/ more stor/.test(l));
        expect(storyLines.length).toBe(Math.min(current.stories.length, 10));
        for (const l of storyLines) {
          const [whole, ...parts] = amounts(l);
          expect(total(parts)).toBe(whole);
        }
      }),
      { numRuns: 300 },
    );
  });
});
