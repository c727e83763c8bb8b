import { Column } from 'typeorm';

/** A story's figures in a run (step 7 and the story sums): story_earnings and simulation_story_earnings share them. */
export abstract class StoryEarningFigures {
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'bigint', name: 'earnings_micros' }) earningsMicros!: string;
  @Column({ type: 'bigint', name: 'reading_time_micros' }) readingTimeMicros!: string;
  @Column({ type: 'bigint', name: 'engagement_micros' }) engagementMicros!: string;
  @Column({ type: 'bigint', name: 'read_ratio_adjustment_micros' }) readRatioAdjustmentMicros!: string;
  @Column({ type: 'bigint', name: 'follower_bonus_micros' }) followerBonusMicros!: string;
  @Column({ type: 'bigint', name: 'boost_bonus_micros' }) boostBonusMicros!: string;
  @Column({ type: 'integer' }) views!: number;
  @Column({ type: 'integer' }) reads!: number;
  @Column({ type: 'integer', name: 'read_ratio_adjustment_bps' }) readRatioAdjustmentBps!: number;
  @Column({ type: 'integer', name: 'member_reads' }) memberReads!: number;
  @Column({ type: 'bigint', name: 'member_reading_seconds' }) memberReadingSeconds!: string;
  @Column({ type: 'integer' }) clappers!: number;
  @Column({ type: 'integer' }) highlighters!: number;
  @Column({ type: 'integer' }) repliers!: number;
  @Column({ type: 'integer', name: 'new_follows' }) newFollows!: number;
  @Column({ type: 'integer', name: 'follower_readers' }) followerReaders!: number;
  @Column({ type: 'integer', name: 'boosted_readers' }) boostedReaders!: number;
}

/** An author's statement figures (step 9): statements and simulation_statements share them. */
export abstract class StatementFigures {
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'bigint', name: 'opening_micros' }) openingMicros!: string;
  /** The approved run whose carried amount opens this statement (null: none). */
  @Column({ type: 'uuid', name: 'opening_run_id', nullable: true }) openingRunId!: string | null;
  /** Failed or reversed payouts of earlier approved runs that the opening takes back. */
  @Column({ type: 'uuid', name: 'returned_statement_ids', array: true, default: () => "'{}'" }) returnedStatementIds!: string[];
  @Column({ type: 'bigint', name: 'story_earnings_micros' }) storyEarningsMicros!: string;
  @Column({ type: 'bigint', name: 'referral_earnings_micros' }) referralEarningsMicros!: string;
  @Column({ type: 'bigint', name: 'adjustments_micros' }) adjustmentsMicros!: string;
  @Column({ type: 'bigint', name: 'balance_micros' }) balanceMicros!: string;
  @Column({ type: 'bigint', name: 'payout_cents' }) payoutCents!: string;
  @Column({ type: 'bigint', name: 'carried_micros' }) carriedMicros!: string;
  @Column({ type: 'bigint', name: 'forfeited_micros' }) forfeitedMicros!: string;
  @Column({ type: 'text' }) status!: string;
  /** The integrity hold (its decision ref) the statement records, and why: its payout stays on hold. */
  @Column({ type: 'text', name: 'hold_ref', nullable: true }) holdRef!: string | null;
  @Column({ type: 'text', name: 'hold_reason', nullable: true }) holdReason!: string | null;
}
