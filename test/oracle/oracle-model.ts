// The oracle's parameters and results (earnings-oracle.ts).

// ---------------------------------------------------------------------------
// Parameters

export interface Params {
  writerShareBps: number;
  qualifiedReadSeconds: number;
  sessionCapSeconds: number;
  readRatioOffsetBps: number;
  readRatioMinBps: number;
  readRatioMaxBps: number;
  clapPoints: number;
  highlightPoints: number;
  replyPoints: number;
  newFollowPoints: number;
  followerBps: number;
  boostBps: number;
  referralShareBps: number;
  referralCutoff: string;
  minPayoutCents: number;
  forfeitAfterDays: number;
  boostDays: number;
}

export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze({
  writerShareBps: 5000,
  qualifiedReadSeconds: 30,
  sessionCapSeconds: 1800,
  readRatioOffsetBps: 6000,
  readRatioMinBps: 5000,
  readRatioMaxBps: 15000,
  clapPoints: 60,
  highlightPoints: 60,
  replyPoints: 120,
  newFollowPoints: 180,
  followerBps: 12500,
  boostBps: 20000,
  referralShareBps: 5000,
  referralCutoff: '2023-09-01T00:00:00Z',
  minPayoutCents: 1000,
  forfeitAfterDays: 180,
  boostDays: 14,
});

// ---------------------------------------------------------------------------
// Result shapes

export interface Breakdown {
  readingTime: bigint;
  engagement: bigint;
  readRatioAdjustment: bigint;
  followerBonus: bigint;
  boostBonus: bigint;
}

export interface StoryResult extends Breakdown {
  earnings: bigint;
  views: number;
  reads: number;
  readRatioAdjustmentBps: number;
  memberReads: number;
  memberReadingSeconds: number;
  clappers: number;
  highlighters: number;
  repliers: number;
  newFollows: number;
  followerReaders: number;
  boostedReaders: number;
}

export interface AuthorResult {
  storyEarnings: bigint;
  referralEarnings: bigint;
}

export interface PairResult {
  memberId: string;
  storyId: string;
  base: number;
  timePoints: number;
  score: bigint;
  allocation: bigint;
  breakdown: Breakdown;
}

export interface EarningsResult {
  period: string;
  params: Params;
  totals: {
    pool: bigint;
    allocated: bigint;
    unallocated: bigint;
    referrals: bigint;
    /**
     * members with a contribution row: every known member with at least one paid
     * charge, even when none of it covers P (contribution 0). This is what the
     * expected results count (october-small: 421; only 396 have C > 0).
     */
    members: number;
    pairs: number;
  };
  /** every story of the bundle */
  stories: Record<string, StoryResult>;
  /** every story author and every honored referrer */
  authors: Record<string, AuthorResult>;
  /** ordered by (memberId, storyId) byte-wise */
  pairs: PairResult[];
  /** every known member with a paid charge → contribution to P (possibly 0) */
  contributions: Record<string, bigint>;
}

// ---------------------------------------------------------------------------
