type Money = number | string;

export interface ExplainedStory {
  storyId: string;
  title: string;
  inRun: boolean;
  earningsMicros: Money;
  readingTimeMicros: Money;
  engagementMicros: Money;
  readRatioAdjustmentMicros: Money;
  followerBonusMicros: Money;
  boostBonusMicros: Money;
  views: number;
  reads: number;
  readRatioAdjustmentBps: number;
  memberReads: number;
  memberReadingSeconds: Money;
  clappers: number;
  highlighters: number;
  repliers: number;
  newFollows: number;
  followerReaders: number;
  boostedReaders: number;
  previous: { earningsMicros: Money; views: number; reads: number; memberReads: number } | null;
  changeMicros: Money;
}

export interface Cause {
  kind: string;
  storyId?: string;
  text: string;
  amountMicros: Money;
}

export interface RunSummary {
  id: string;
  period: string;
  status: string;
  final: boolean;
  poolMicros: Money | null;
  memberCount: number | null;
  computedAt: string | null;
  minPayoutCents: number;
}

export interface Explanation {
  ticket?: { id: string; storyId: string | null; period: string | null; periodIsDefault: boolean };
  author: { id: string; name: string; username: string };
  period: string;
  previousPeriod: string;
  run: RunSummary;
  previousRun: RunSummary | null;
  earningsMicros: Money;
  statement: {
    id: string;
    status: string;
    openingMicros: Money;
    storyEarningsMicros: Money;
    referralEarningsMicros: Money;
    adjustmentsMicros: Money;
    balanceMicros: Money;
    carriedMicros: Money;
    forfeitedMicros: Money;
    payoutCents: Money;
    payoutState: string | null;
    payoutStateAt: string | null;
  } | null;
  stories: ExplainedStory[];
  enrollment: {
    enrolledAtPeriodEnd: boolean;
    enrolledNow: boolean;
    latest: { id: string; enrolledAt: string; leftAt: string | null } | null;
  };
  payoutAccount: { provider: string; accountRef: string; status: string; taxStatus: string; ready: boolean } | null;
  referralCredits: { totalMicros: Money; creditMicros: Money; reversalMicros: Money; items: unknown[] };
  adjustments: { id: string; amountMicros: Money; reason: string; createdAt: string }[];
  comparison: {
    period: string;
    previousPeriod: string;
    hasPreviousRun: boolean;
    earningsMicros: Money;
    previousEarningsMicros: Money;
    changeMicros: Money;
    causes: Cause[];
    residualMicros: Money;
    residualText: string | null;
    notItemized: number;
  };
  writerText: string;
}
