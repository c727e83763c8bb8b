import { describe, expect, it } from '@jest/globals';
import { compareEarnings, type PeriodFigures, type StoryFigures } from './earnings-comparison.js';
import { renderTemplate, unknownPlaceholders, placeholdersIn } from './saved-reply-template.js';
import { writerText } from './writer-text.js';

const story = (storyId: string, earnings: bigint, seconds: bigint, boosted: number): StoryFigures => ({
  storyId,
  earningsMicros: earnings,
  readingTimeMicros: earnings - (boosted ? earnings / 2n : 0n),
  engagementMicros: 0n,
  readRatioAdjustmentMicros: 0n,
  followerBonusMicros: 0n,
  boostBonusMicros: boosted ? earnings / 2n : 0n,
  views: 4,
  reads: 3,
  readRatioAdjustmentBps: 10000,
  memberReads: 3,
  memberReadingSeconds: seconds,
  clappers: 0,
  highlighters: 0,
  repliers: 0,
  newFollows: 0,
  followerReaders: 0,
  boostedReaders: boosted,
});

const period = (p: string, stories: StoryFigures[], extra: Partial<PeriodFigures> = {}): PeriodFigures => ({
  period: p,
  run: { poolMicros: 1_000_000n, memberCount: 1 },
  stories,
  referralMicros: 0n,
  adjustmentsMicros: 0n,
  statement: null,
  ...extra,
});

describe('writer-facing text', () => {
  const statement = {
    status: 'below_threshold',
    openingMicros: 2_000_000n,
    balanceMicros: 7_200_000n,
    carriedMicros: 7_200_000n,
    forfeitedMicros: 0n,
    payoutCents: 0n,
    payoutState: null,
  };
  const current = period('2026-10', [story('x', 5_200_000n, 3700n, 0)], { statement });
  const comparison = compareEarnings({
    previous: period('2026-09', [story('x', 17_600_000n, 3700n, 2)]),
    current,
    stories: { x: { title: 'Rivers', publishedAt: null, status: 'published', membersOnly: true } },
    boosts: [{ storyId: 'x', startsAt: new Date('2026-09-19T00:00:00Z'), endsAt: new Date('2026-10-03T00:00:00Z') }],
    enrollments: [],
    payoutAccount: null,
    minPayoutCents: 1000n,
    forfeitAfterDays: 180,
  });
  const text = writerText({
    period: '2026-10',
    final: true,
    comparison,
    storyEarningsMicros: 5_200_000n,
    referralMicros: 0n,
    adjustmentsMicros: 0n,
    stories: [{ title: 'Rivers', figures: current.stories[0]! }],
    statement,
  });

  it('states the earnings, the change and its causes in dollars, with UTC days', () => {
    expect(text.split('\n')).toEqual([
      'Your earnings for October 2026: $5.20 (stories $5.20, legacy referrals $0.00, adjustments $0.00).',
      'That is $12.40 less than in September 2026 ($17.60).',
      '',
      'What changed, largest first:',
      "- Boost on 'Rivers' ended on Oct 3 (UTC) (boosted readers 2 → 0): −$12.40.",
      '',
      'Your stories in October 2026:',
      "- 'Rivers': $5.20 (reading time $5.20, engagement $0.00, read ratio adjustment $0.00, follower bonus $0.00, Boost bonus $0.00); 3 member reads, 1 h 1 min of member reading, read ratio 75% of 4 views.",
      '',
      'Your balance for October 2026 is $7.20 (including $2.00 carried over from earlier months).',
      'Your balance of $7.20 is below the $10.00 minimum payout, so it carries over to next month.',
      '',
      'Earnings are counted by UTC day: October 2026 runs from Oct 1 00:00 UTC to Nov 1 00:00 UTC, and all dates above are UTC days.',
    ]);
  });

  it('says when the run is a draft and when there was no previous run', () => {
    const none = compareEarnings({
      previous: period('2026-09', [], { run: null }),
      current,
      stories: { x: { title: 'Rivers', publishedAt: null, status: 'published', membersOnly: true } },
      boosts: [],
      enrollments: [],
      payoutAccount: null,
      minPayoutCents: 1000n,
      forfeitAfterDays: 180,
    });
    const draft = writerText({
      period: '2026-10',
      final: false,
      comparison: none,
      storyEarningsMicros: 5_200_000n,
      referralMicros: 0n,
      adjustmentsMicros: 0n,
      stories: [],
      statement: null,
    });
    expect(draft).toContain('These figures come from a payout run that is not approved yet; they may still change.');
    expect(draft).toContain('That is $5.20 more than in September 2026 (no payout run, so $0.00).');
    expect(draft).toContain('There was no computed payout run for September 2026, so this compares with $0.00.');
    expect(draft).toContain('You had no balance for October 2026.');
  });
});

describe('saved reply templates', () => {
  it('finds placeholders, refuses unknown ones and fills known ones, leaving the ones without a value', () => {
    const body = 'Hi {{ writerFirstName }}, your earnings for {{periodName}} were {{earnings}} ({{change}}). {{ nope }} {{storyTitle}}';
    expect(placeholdersIn(body)).toEqual(['writerFirstName', 'periodName', 'earnings', 'change', 'nope', 'storyTitle']);
    expect(unknownPlaceholders(body)).toEqual(['nope']);
    expect(renderTemplate(body, { writerFirstName: 'Ada', periodName: 'October 2026', earnings: '$5.20', change: '−$12.40' })).toEqual({
      text: 'Hi Ada, your earnings for October 2026 were $5.20 (−$12.40). {{ nope }} {{storyTitle}}',
      missing: ['nope', 'storyTitle'],
    });
    // A value is inserted as it is ($-patterns are not special).
    expect(renderTemplate('{{earnings}}', { earnings: "$1 $& $'" }).text).toBe("$1 $& $'");
  });
});
