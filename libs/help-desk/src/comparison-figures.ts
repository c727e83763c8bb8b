import { MICROS_PER_CENT, sum, type Micros } from '../../core/src/money/money.js';

/* The figures the earnings comparison reads and the causes it gives (earnings-comparison.ts). */

export const COMPONENTS = ['readingTime', 'engagement', 'readRatioAdjustment', 'followerBonus', 'boostBonus'] as const;
export type Component = (typeof COMPONENTS)[number];

export const CAUSE_KINDS = [
  'boost_ended',
  'boost_started',
  'boosted_readers',
  'reading_time',
  'read_ratio',
  'follower_reads',
  'engagement',
  'reader_share',
  'pool_per_member',
  'new_story',
  'story_stopped',
  'referrals',
  'adjustments',
  'reading_excluded',
  // zero-amount notes
  'no_previous_run',
  'enrollment_ended',
  'carried_over',
  'payout_account_not_ready',
  'forfeited',
  'payout_problem',
  'released_from_hold',
] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

/** A story's row of a payout run (story_earnings): breakdown and statistics. */
export interface StoryFigures {
  storyId: string;
  earningsMicros: Micros;
  readingTimeMicros: Micros;
  engagementMicros: Micros;
  readRatioAdjustmentMicros: Micros;
  followerBonusMicros: Micros;
  boostBonusMicros: Micros;
  views: number;
  reads: number;
  readRatioAdjustmentBps: number;
  memberReads: number;
  memberReadingSeconds: bigint;
  clappers: number;
  highlighters: number;
  repliers: number;
  newFollows: number;
  followerReaders: number;
  boostedReaders: number;
}

export interface StoryInfo {
  title: string;
  publishedAt: Date | null;
  status: string;
  membersOnly: boolean;
}

export interface StatementFigures {
  status: string;
  openingMicros: Micros;
  balanceMicros: Micros;
  carriedMicros: Micros;
  forfeitedMicros: Micros;
  payoutCents: bigint;
  payoutState: string | null;
  /** Of the opening: payouts of earlier months released from an integrity review hold (µ$; absent: none). */
  releasedMicros?: Micros;
}

export interface PeriodFigures {
  period: string;
  /** The period's payout run (computed, approved or paid); null: none. */
  run: { poolMicros: Micros | null; memberCount: number | null } | null;
  stories: StoryFigures[];
  referralMicros: Micros;
  /** Of which reversals of earlier credits (≤ 0). */
  referralReversalMicros?: Micros;
  adjustmentsMicros: Micros;
  statement: StatementFigures | null;
  /** What reading excluded after an integrity review would have earned each story (the run's exclusion effects). */
  excludedReading?: ExcludedReading[];
}

export interface ExcludedReading {
  storyId: string;
  /** Members whose reading of the story was excluded. */
  members: number;
  amountMicros: Micros;
}

export interface BoostWindow {
  storyId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface ComparisonInput {
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Title and state of every story that appears in either period. */
  stories: Record<string, StoryInfo>;
  /** The boost windows of those stories (any time; the ones near the two periods matter). */
  boosts: BoostWindow[];
  enrollments: { enrolledAt: Date; leftAt: Date | null }[];
  payoutAccount: { status: string; taxStatus: string } | null;
  minPayoutCents: bigint;
  forfeitAfterDays: number;
  /** The run's qualifiedReadSeconds (default 30), for the wording of a story that stopped earning. */
  qualifiedReadSeconds?: number;
}

export interface Cause {
  kind: CauseKind;
  storyId?: string;
  /** Writer-safe sentence, ending with the amount when it has one. */
  text: string;
  amountMicros: Micros;
}

export interface Comparison {
  period: string;
  previousPeriod: string;
  hasPreviousRun: boolean;
  earningsMicros: Micros;
  previousEarningsMicros: Micros;
  changeMicros: Micros;
  /** Ranked money causes, then zero-amount notes. */
  causes: Cause[];
  residualMicros: Micros;
  residualText: string | null;
  /** How many causes under a cent the residual holds (not itemized). */
  notItemized: number;
}

/** Causes smaller than this are not itemized (they go into the residual). */
export const ITEMIZE_FROM_MICROS = MICROS_PER_CENT;

export const periodEarnings = (p: PeriodFigures): Micros =>
  sum(p.stories.map((s) => s.earningsMicros)) + p.referralMicros + p.adjustmentsMicros;

/** Byte-wise order of ids (spec: COLLATE "C"). */
export const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
