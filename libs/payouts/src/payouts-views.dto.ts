import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiMoney, ApiTimestamp } from '../../core/src/http/api-docs.js';
import { PAYOUT_STATES, RUN_STATUSES, STATEMENT_STATUSES } from './payout-rules.js';

/** What the payouts read routes answer (payout-results.repository.ts); the console's types come from these. */
export class PayoutRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty({ type: 'integer', description: '0–100' }) progress!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the payout and execution parameters the run uses' })
  params!: Record<string, unknown>;
  @ApiProperty({ type: 'integer' }) paramsVersion!: number;
  @ApiMoney({ nullable: true }) poolMicros!: number | string | null;
  @ApiMoney({ nullable: true }) allocatedMicros!: number | string | null;
  @ApiMoney({ nullable: true }) unallocatedMicros!: number | string | null;
  @ApiMoney({ nullable: true }) referralMicros!: number | string | null;
  @ApiProperty({ type: 'integer', nullable: true }) memberCount!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) pairCount!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) startedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) startedByEmail!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedByEmail!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paidBy!: string | null;
  @ApiTimestamp() queuedAt!: string;
  @ApiTimestamp({ nullable: true }) startedAt!: string | null;
  @ApiTimestamp({ nullable: true }) computedAt!: string | null;
  @ApiTimestamp({ nullable: true }) approvedAt!: string | null;
  @ApiTimestamp({ nullable: true }) paidAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiMoney({ description: 'payouts pending or transferred, integer cents' }) paidOutCents!: number | string;
  @ApiProperty({ type: 'integer' }) paidAuthors!: number;
  @ApiProperty({ type: [String], description: 'the integrity decisions whose exclusions the run applied' }) decisionRefs!: string[];
}

/** A warning approving a run shows (approval-warnings.port.ts): never a reason to refuse. */
export class ApprovalWarningView {
  @ApiProperty({ example: 'integrity_open_cases' }) code!: string;
  @ApiProperty() message!: string;
  @ApiMoney({ nullable: true, description: 'money at stake, integer micro-dollars' }) amountMicros!: number | string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

/** One run as its page shows it: the run and what approving it would warn about (computed runs). */
export class PayoutRunShowView extends PayoutRunView {
  @ApiProperty({ type: [ApprovalWarningView] }) approvalWarnings!: ApprovalWarningView[];
}

/** A story's money breakdown and statistics in a run (story earnings, the explanation's stories). */
export class StoryFiguresView {
  @ApiMoney() earningsMicros!: number | string;
  @ApiMoney() readingTimeMicros!: number | string;
  @ApiMoney() engagementMicros!: number | string;
  @ApiMoney() readRatioAdjustmentMicros!: number | string;
  @ApiMoney() followerBonusMicros!: number | string;
  @ApiMoney() boostBonusMicros!: number | string;
  @ApiProperty({ type: 'integer' }) views!: number;
  @ApiProperty({ type: 'integer' }) reads!: number;
  @ApiProperty({ type: 'integer' }) readRatioAdjustmentBps!: number;
  @ApiProperty({ type: 'integer' }) memberReads!: number;
  @ApiMoney({ description: 'seconds (bigint: a decimal string beyond 2^53)' }) memberReadingSeconds!: number | string;
  @ApiProperty({ type: 'integer' }) clappers!: number;
  @ApiProperty({ type: 'integer' }) highlighters!: number;
  @ApiProperty({ type: 'integer' }) repliers!: number;
  @ApiProperty({ type: 'integer' }) newFollows!: number;
  @ApiProperty({ type: 'integer' }) followerReaders!: number;
  @ApiProperty({ type: 'integer' }) boostedReaders!: number;
}

export class StoryEarningView extends StoryFiguresView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty() period!: string;
  @ApiProperty() storyId!: string;
  @ApiProperty() storyTitle!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
}

export class StatementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ enum: RUN_STATUSES }) runStatus!: string;
  @ApiProperty() period!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiMoney() openingMicros!: number | string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) openingRunId!: string | null;
  @ApiProperty({ type: [String], nullable: true }) returnedStatementIds!: string[] | null;
  @ApiMoney() storyEarningsMicros!: number | string;
  @ApiMoney() referralEarningsMicros!: number | string;
  @ApiMoney() adjustmentsMicros!: number | string;
  @ApiMoney() balanceMicros!: number | string;
  @ApiMoney() payoutCents!: number | string;
  @ApiMoney() carriedMicros!: number | string;
  @ApiMoney({ nullable: true }) forfeitedMicros!: number | string | null;
  @ApiProperty({ enum: STATEMENT_STATUSES }) status!: string;
  @ApiProperty({ type: String, enum: PAYOUT_STATES, nullable: true }) payoutState!: string | null;
  @ApiTimestamp({ nullable: true }) payoutStateAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'why the payout failed or came back (a processor failure code), while it is failed or reversed',
  })
  payoutFailureCode?: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the integrity hold (decision) the statement records: its payout is held' })
  holdRef!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the payout is held' }) holdReason!: string | null;
}

export class AdjustmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() period!: string;
  @ApiMoney({ description: 'signed integer micro-dollars' }) amountMicros!: number | string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) createdByEmail!: string | null;
  @ApiTimestamp() createdAt!: string;
}
