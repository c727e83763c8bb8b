import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compareEarnings,
  ITEMIZE_FROM_MICROS,
  type ComparisonInput,
  type PeriodFigures,
  type StoryFigures,
} from './earnings-comparison.js';

/** A story's row as the payout run writes it: step 6's peel of allocation `a`, with step 7's statistics. */
function row(
  storyId: string,
  a: bigint,
  o: { base?: bigint; time?: bigint; adjBps?: number; follower?: boolean; boosted?: boolean; stats?: Partial<StoryFigures> } = {},
): StoryFigures {
  const base = o.base ?? 600n;
  const time = o.time ?? base;
  const adj = BigInt(o.adjBps ?? 15000);
  const boostBonus = o.boosted ? a - (a * 10000n) / 20000n : 0n;
  const a1 = a - boostBonus;
  const followerBonus = o.follower ? a1 - (a1 * 10000n) / 12500n : 0n;
  const a2 = a1 - followerBonus;
  const readRatioAdjustment = a2 - (a2 * 10000n) / adj;
  const a3 = a2 - readRatioAdjustment;
  const engagement = (a3 * (base - time)) / base;
  return {
    storyId,
    earningsMicros: a,
    readingTimeMicros: a3 - engagement,
    engagementMicros: engagement,
    readRatioAdjustmentMicros: readRatioAdjustment,
    followerBonusMicros: followerBonus,
    boostBonusMicros: boostBonus,
    views: 1,
    reads: 1,
    readRatioAdjustmentBps: Number(adj),
    memberReads: 1,
    memberReadingSeconds: time,
    clappers: 0,
    highlighters: 0,
    repliers: 0,
    newFollows: 0,
    followerReaders: o.follower ? 1 : 0,
    boostedReaders: o.boosted ? 1 : 0,
    ...o.stats,
  };
}

const run = { poolMicros: 10_000_000n, memberCount: 2 };

function period(p: string, stories: StoryFigures[], extra: Partial<PeriodFigures> = {}): PeriodFigures {
  return { period: p, run, stories, referralMicros: 0n, adjustmentsMicros: 0n, statement: null, ...extra };
}

function input(previous: PeriodFigures, current: PeriodFigures, extra: Partial<ComparisonInput> = {}): ComparisonInput {
  const ids = [...new Set([...previous.stories, ...current.stories].map((s) => s.storyId))];
  return {
    previous,
    current,
    stories: Object.fromEntries(
      ids.map((id) => [
        id,
        { title: `Title ${id}`, publishedAt: new Date('2026-01-05T00:00:00Z'), status: 'published', membersOnly: true },
      ]),
    ),
    boosts: [],
    enrollments: [{ enrolledAt: new Date('2025-01-01T00:00:00Z'), leftAt: null }],
    payoutAccount: { status: 'verified', taxStatus: 'verified' },
    minPayoutCents: 1000n,
    forfeitAfterDays: 180,
    ...extra,
  };
}

const total = (c: ReturnType<typeof compareEarnings>) => c.causes.reduce((s, x) => s + x.amountMicros, 0n) + c.residualMicros;

describe('compareEarnings: named causes', () => {
  it('a boost that ended is the first cause, its amount within the boost bonus difference', () => {
    // One reader splits 5,000,000 µ$ between X (boosted in September) and another writer's story.
    const before = row('x', 3_333_333n, { boosted: true });
    const now = row('x', 2_500_000n);
    const c = compareEarnings(
      input(period('2026-09', [before]), period('2026-10', [now]), {
        boosts: [{ storyId: 'x', startsAt: new Date('2026-09-19T00:00:00Z'), endsAt: new Date('2026-10-03T00:00:00Z') }],
      }),
    );
    expect(c.changeMicros).toBe(-833_333n);
    expect(c.causes[0]).toMatchObject({ kind: 'boost_ended', storyId: 'x' });
    expect(c.causes[0]!.text).toBe("Boost on 'Title x' ended on Oct 3 (UTC) (boosted readers 1 → 0): −$0.83");
    const boostDiff = now.boostBonusMicros - before.boostBonusMicros;
    expect(c.causes[0]!.amountMicros).toBeLessThan(0n);
    expect(c.causes[0]!.amountMicros).toBeGreaterThanOrEqual(boostDiff);
    expect(total(c)).toBe(c.changeMicros);
  });

  it('falling member reading time is the first cause, with its percent and durations', () => {
    const c = compareEarnings(
      input(
        period('2026-09', [row('y', 3_333_333n, { base: 1200n, stats: { memberReads: 2 } })]),
        period('2026-10', [row('y', 2_500_000n, { base: 720n, stats: { memberReads: 2 } })]),
      ),
    );
    expect(c.causes[0]).toMatchObject({ kind: 'reading_time', storyId: 'y', amountMicros: -833_333n });
    expect(c.causes[0]!.text).toBe("member reading time on 'Title y' fell 40% (20 min → 12 min): −$0.83");
    expect(c.residualMicros).toBe(0n);
  });

  it('names a read ratio change with the ratios before and after', () => {
    const c = compareEarnings(
      input(
        period('2026-09', [row('z', 2_000_000n, { adjBps: 11200, stats: { views: 25, reads: 13 } })]),
        period('2026-10', [row('z', 1_700_000n, { adjBps: 9100, stats: { views: 100, reads: 31 } })]),
      ),
    );
    expect(c.causes).toHaveLength(1);
    expect(c.causes[0]!.kind).toBe('read_ratio');
    expect(c.causes[0]!.text).toContain("read ratio of 'Title z' fell from 52% to 31% (multiplier 1.12× → 0.91×)");
    expect(c.causes[0]!.amountMicros).toBe(-300_000n);
  });

  it('splits a story change between two changed drivers, knock-on amounts included, exactly', () => {
    const before = row('w', 4_000_000n, { follower: true, stats: { followerReaders: 3 } });
    const now = row('w', 2_000_000n, { base: 300n, follower: true, stats: { followerReaders: 1 } });
    const c = compareEarnings(input(period('2026-09', [before]), period('2026-10', [now])));
    expect(c.causes.map((x) => x.kind).sort()).toEqual(['follower_reads', 'reading_time']);
    expect(total(c)).toBe(-2_000_000n);
    expect(c.causes.find((x) => x.kind === 'follower_reads')!.text).toContain(
      "fewer reads from your followers on 'Title w' (follower readers 3 → 1)",
    );
  });

  it("with no statistic changed, the change is the story's share of its readers' fees", () => {
    const c = compareEarnings(input(period('2026-09', [row('s', 2_000_000n)]), period('2026-10', [row('s', 1_500_000n)])));
    expect(c.causes).toEqual([expect.objectContaining({ kind: 'reader_share', storyId: 's', amountMicros: -500_000n })]);
  });

  it("separates a change of the pool per member from the stories' own changes", () => {
    const c = compareEarnings(
      input(
        period('2026-09', [row('s', 2_000_000n)], { run: { poolMicros: 10_000_000n, memberCount: 4 } }),
        period('2026-10', [row('s', 1_800_000n)], { run: { poolMicros: 9_000_000n, memberCount: 4 } }),
      ),
    );
    // Each rescaled part is floored: 1 µ$ is left to the story's own (unnamed, sub-cent) change.
    expect(c.causes).toHaveLength(1);
    expect(c.causes[0]).toMatchObject({ kind: 'pool_per_member', amountMicros: -200_001n });
    expect(c.residualMicros).toBe(1n);
    expect(c.causes[0]!.text).toBe('the pool per paying member fell from $2.50 to $2.25: −$0.20');
  });

  it('names new and silent stories, referrals and adjustments, and compares with zero without a previous run', () => {
    const published = new Date('2026-10-12T09:00:00Z');
    const base = input(
      period('2026-09', [], { run: null }),
      period('2026-10', [row('n', 3_000_000n)], { referralMicros: 2_270_000n, adjustmentsMicros: -500_000n }),
    );
    base.stories.n!.publishedAt = published;
    const c = compareEarnings(base);
    expect(c.hasPreviousRun).toBe(false);
    expect(c.changeMicros).toBe(4_770_000n);
    expect(c.causes.map((x) => x.kind)).toEqual(['new_story', 'referrals', 'adjustments', 'no_previous_run']);
    expect(c.causes[0]!.text).toBe("new story 'Title n' (published Oct 12 (UTC)): +$3.00");
    expect(c.causes[3]!.text).toBe('There was no computed payout run for September 2026, so this compares with $0.00.');
    expect(total(c)).toBe(c.changeMicros);

    const gone = input(period('2026-09', [row('g', 1_000_000n)]), period('2026-10', []));
    gone.stories.g!.status = 'deleted';
    expect(compareEarnings(gone).causes).toEqual([
      {
        kind: 'story_stopped',
        storyId: 'g',
        amountMicros: -1_000_000n,
        text: "'Title g' earned nothing this month ($1.00 in September 2026): it was deleted: −$1.00",
      },
    ]);
  });

  it('leaves changes under one cent to the residual', () => {
    const c = compareEarnings(
      input(period('2026-09', [row('a', 1_000_000n), row('b', 500_000n)]), period('2026-10', [row('a', 1_000_003n), row('b', 600_000n)])),
    );
    expect(c.causes.map((x) => x.storyId)).toEqual(['b']);
    expect(c.residualMicros).toBe(3n);
    expect(c.residualText).toBe('1 change under $0.01, not itemized: $0.00');
    expect(total(c)).toBe(100_003n);
  });

  it('adds the payout notes: carried over below the minimum, account not ready, enrollment ended', () => {
    const statement = {
      status: 'below_threshold',
      openingMicros: 0n,
      balanceMicros: 7_200_000n,
      carriedMicros: 7_200_000n,
      forfeitedMicros: 0n,
      payoutCents: 0n,
      payoutState: null,
    };
    const c = compareEarnings(
      input(period('2026-09', [row('a', 1_000_000n)]), period('2026-10', [row('a', 1_000_000n)], { statement }), {
        enrollments: [{ enrolledAt: new Date('2025-01-01T00:00:00Z'), leftAt: new Date('2026-10-20T15:00:00Z') }],
      }),
    );
    expect(c.causes).toEqual([
      {
        kind: 'enrollment_ended',
        amountMicros: 0n,
        text: "Your Partner Program enrollment ended on Oct 20 (UTC); members' reading after that does not earn.",
      },
      {
        kind: 'carried_over',
        amountMicros: 0n,
        text: 'Your balance of $7.20 is below the $10.00 minimum payout, so it carries over to next month.',
      },
    ]);
    const notReady = compareEarnings(
      input(
        period('2026-09', []),
        period('2026-10', [], { statement: { ...statement, status: 'payout_account_not_ready', balanceMicros: 25_000_000n } }),
        {
          payoutAccount: { status: 'pending', taxStatus: 'verified' },
        },
      ),
    );
    expect(notReady.causes[0]!.text).toBe(
      'Your balance of $25.00 was not paid because your payout account is not verified (status: pending); it carries over until that is fixed.',
    );
  });
});

describe('compareEarnings: properties', () => {
  const figures = (id: string) =>
    fc
      .record({
        a: fc.bigInt({ min: 0n, max: 50_000_000n }),
        base: fc.bigInt({ min: 30n, max: 5000n }),
        extra: fc.bigInt({ min: 0n, max: 600n }),
        adjBps: fc.integer({ min: 5000, max: 15000 }),
        follower: fc.boolean(),
        boosted: fc.boolean(),
        readers: fc.integer({ min: 0, max: 3 }),
      })
      .map((r) =>
        row(id, r.a, {
          base: r.base + r.extra,
          time: r.base,
          adjBps: r.adjBps,
          follower: r.follower,
          boosted: r.boosted,
          stats: { clappers: r.readers },
        }),
      );
  const storySet = fc
    .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 })
    .chain((ids) => fc.tuple(...ids.map(figures)));
  const runOf = fc.option(
    fc.record({ poolMicros: fc.bigInt({ min: 1n, max: 10n ** 12n }), memberCount: fc.integer({ min: 1, max: 100_000 }) }),
    { nil: null },
  );
  const periodOf = (p: string) =>
    fc
      .record({
        stories: storySet,
        run: runOf,
        referral: fc.bigInt({ min: -5_000_000n, max: 50_000_000n }),
        adj: fc.bigInt({ min: -9_000_000n, max: 9_000_000n }),
      })
      .map((r) => period(p, r.stories, { run: r.run, referralMicros: r.referral, adjustmentsMicros: r.adj }));

  it('the causes plus the residual equal the change to the micro-dollar, ranked by absolute amount, deterministically', () => {
    fc.assert(
      fc.property(periodOf('2026-09'), periodOf('2026-10'), (previous, current) => {
        const c = compareEarnings(input(previous, current));
        expect(total(c)).toBe(c.changeMicros);
        const money = c.causes.filter((x) => x.amountMicros !== 0n);
        const abs = money.map((x) => (x.amountMicros < 0n ? -x.amountMicros : x.amountMicros));
        abs.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(ITEMIZE_FROM_MICROS);
          if (i > 0) expect(abs[i - 1]!).toBeGreaterThanOrEqual(v);
        });
        const shuffled = input(
          { ...previous, stories: [...previous.stories].reverse() },
          { ...current, stories: [...current.stories].reverse() },
        );
        expect(compareEarnings(shuffled)).toEqual(c);
      }),
      { numRuns: 400 },
    );
  });
});
