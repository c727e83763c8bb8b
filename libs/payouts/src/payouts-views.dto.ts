import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiMoney, ApiTimestamp } from '../../core/src/http/api-docs.js';
import { PAYOUT_STATES, RUN_STATUSES, STATEMENT_STATUSES } from './payout-rules.js';
import { PROJECTION_OUTCOMES } from './projection/payout-projection.js';
import { SETTLEMENT_LINE_CLASSES, SETTLEMENT_STATUSES } from './settlement-rules.js';

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

/** One value a parameter version changed, from the version before it (the defaults for the first). */
export class ParameterChangeView {
  @ApiProperty() field!: string;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string' }], nullable: true }) from!: number | string | null;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string' }], nullable: true }) to!: number | string | null;
}

/** A version of the earnings parameters: every section's fields in one flat object (id: the version, or `current`). */
export class ParameterSetView {
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['current'] }] }) id!: number | string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'string' }] } })
  params!: Record<string, number | string>;
  @ApiTimestamp({ nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) createdByName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) createdByEmail?: string | null;
}

/** A version of the history, with what it changed. */
export class ParameterVersionView extends ParameterSetView {
  @ApiProperty({ type: [ParameterChangeView] }) changes!: ParameterChangeView[];
}

class ProjectionStatementView {
  @ApiProperty() period!: string;
  @ApiProperty({ enum: STATEMENT_STATUSES }) status!: string;
  @ApiMoney() balanceMicros!: number | string;
  @ApiMoney() payoutCents!: number | string;
  @ApiMoney() carriedMicros!: number | string;
  @ApiMoney() forfeitedMicros!: number | string;
  @ApiProperty({ enum: PAYOUT_STATES, nullable: true }) payoutState!: string | null;
}

class ProjectionEstimateView {
  @ApiProperty() period!: string;
  @ApiMoney() amountMicros!: number | string;
  @ApiTimestamp() asOf!: string;
}

class HeldPayoutView {
  @ApiProperty({ format: 'uuid' }) statementId!: string;
  @ApiProperty() period!: string;
  @ApiMoney() payoutCents!: number | string;
}

class ProjectionAccountView {
  @ApiProperty() status!: string;
  @ApiProperty() taxStatus!: string;
  @ApiProperty() ready!: boolean;
}

/** "When will I be paid?": the author's next payout, projected (payouts/src/projection). */
export class PayoutProjectionView {
  @ApiProperty() authorId!: string;
  @ApiTimestamp() asOf!: string;
  @ApiProperty({ enum: PROJECTION_OUTCOMES }) outcome!: string;
  @ApiMoney({ nullable: true, description: 'the projected payout in cents; null when none can be projected' })
  amountCents!: number | string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the period whose run pays it' }) period!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'paid by this day (UTC)' }) payBy!: string | null;
  @ApiProperty({ description: 'the month of asOf' }) openPeriod!: string;
  @ApiMoney({ description: 'what the next run opens with: carried, plus a payout that failed or was reversed, plus released payouts' })
  carriedMicros!: number | string;
  @ApiMoney() thresholdMicros!: number | string;
  @ApiMoney({ description: 'what must still be earned to reach the threshold' }) shortfallMicros!: number | string;
  @ApiProperty({ type: [String], description: 'closed months not in a final run yet' }) unsettledPeriods!: string[];
  @ApiProperty({ type: ProjectionEstimateView, nullable: true, description: 'the open month so far (none exist yet)' })
  estimate!: ProjectionEstimateView | null;
  @ApiProperty({ type: [HeldPayoutView] }) holds!: HeldPayoutView[];
  @ApiMoney() heldCents!: number | string;
  @ApiProperty({ type: [HeldPayoutView], description: 'payouts released from review hold, back in the balance: the next run pays them' })
  released!: HeldPayoutView[];
  @ApiMoney() releasedCents!: number | string;
  @ApiProperty({ type: ProjectionAccountView, nullable: true }) account!: ProjectionAccountView | null;
  @ApiProperty({ type: ProjectionStatementView, nullable: true, description: 'the statement of the latest final run' })
  statement!: ProjectionStatementView | null;
  @ApiProperty({ description: 'the projection in words for the writer' }) text!: string;
}

/** A settlement file applied to a run (what `GET /payout-runs/:id/settlements` lists). */
export class SettlementFileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: String, nullable: true }) fileName!: string | null;
  @ApiProperty({ format: 'uuid' }) appliedBy!: string;
  @ApiProperty({ type: String, nullable: true }) appliedByEmail!: string | null;
  @ApiProperty({ type: 'integer' }) lineCount!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'lines and amounts per class' }) counts!: Record<string, unknown>;
  @ApiProperty({ type: 'integer' }) appliedCount!: number;
  @ApiMoney() appliedMicros!: number | string;
  @ApiTimestamp() appliedAt!: string;
}

/** A stored line of a settlement file, as classified when it was applied. */
export class SettlementLineView {
  @ApiProperty({ type: 'integer' }) line!: number;
  @ApiProperty() reference!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) statementId!: string | null;
  @ApiProperty({ type: String, nullable: true }) authorId!: string | null;
  @ApiProperty({ enum: SETTLEMENT_STATUSES }) status!: string;
  @ApiMoney() amountMicros!: number | string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: String, nullable: true }) failureCode!: string | null;
  @ApiProperty({ enum: SETTLEMENT_LINE_CLASSES }) class!: (typeof SETTLEMENT_LINE_CLASSES)[number];
  @ApiProperty({ enum: PAYOUT_STATES, nullable: true }) fromState!: string | null;
  @ApiProperty({ enum: PAYOUT_STATES, nullable: true }) toState!: string | null;
}

/** A settlement file with its first lines. */
export class SettlementFileDetailView extends SettlementFileView {
  @ApiProperty({ type: [SettlementLineView] }) lines!: SettlementLineView[];
  @ApiProperty({ description: 'more lines than shown' }) linesTruncated!: boolean;
}
