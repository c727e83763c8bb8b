import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { ApiMoney, ApiTimestamp } from '../../core/src/http/api-docs.js';
import { StoryFiguresView } from '../../payouts/src/index.js';
import { CAUSE_KINDS } from './comparison-figures.js';
import { TICKET_CATEGORIES } from './ticket-categories.js';
import { TICKET_SOURCES, TICKET_STATUSES } from './ticket.entity.js';

/** What the tickets and explanation routes answer (OpenAPI; the console's types come from these). */
export class TicketRecord {
  @ApiProperty() id!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() memberName!: string;
  @ApiProperty() memberUsername!: string;
  @ApiProperty({ enum: TICKET_CATEGORIES }) category!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true }) storyId!: string | null;
  @ApiProperty({ type: String, nullable: true }) storyTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) period!: string | null;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiTimestamp({ nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ enum: TICKET_SOURCES }) source!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) openedBy!: string | null;
  @ApiTimestamp() createdAt!: string;
  @ApiTimestamp() updatedAt!: string;
  @ApiProperty({ type: 'integer', description: 'whole days since it arrived' }) ageDays!: number;
}

export class TicketNoteRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() ticketId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) authorEmail!: string | null;
  @ApiTimestamp() createdAt!: string;
}

export class TicketDetailRecord extends TicketRecord {
  @ApiProperty({ type: [TicketNoteRecord] }) notes!: TicketNoteRecord[];
  @ApiProperty() explanationPath!: string;
}

export class ExplainedStoryRecord extends StoryFiguresView {
  @ApiProperty() storyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: "false: no row in this period's run, the figures are zero" }) inRun!: boolean;
  @ApiProperty({ type: StoryFiguresView, nullable: true }) previous!: StoryFiguresView | null;
  @ApiMoney() changeMicros!: number | string;
}

export class CauseRecord {
  @ApiProperty({ enum: CAUSE_KINDS }) kind!: string;
  @ApiPropertyOptional() storyId?: string;
  @ApiProperty() text!: string;
  @ApiMoney() amountMicros!: number | string;
}

export class RunSummaryRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() period!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'approved or paid: the figures will not change any more' }) final!: boolean;
  @ApiMoney({ nullable: true }) poolMicros!: number | string | null;
  @ApiProperty({ type: 'integer', nullable: true }) memberCount!: number | null;
  @ApiTimestamp({ nullable: true }) computedAt!: string | null;
  @ApiProperty({ type: 'integer' }) minPayoutCents!: number;
}

class ExplainedStatementRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiMoney() openingMicros!: number | string;
  @ApiMoney() storyEarningsMicros!: number | string;
  @ApiMoney() referralEarningsMicros!: number | string;
  @ApiMoney() adjustmentsMicros!: number | string;
  @ApiMoney() balanceMicros!: number | string;
  @ApiMoney() carriedMicros!: number | string;
  @ApiMoney() forfeitedMicros!: number | string;
  @ApiMoney() payoutCents!: number | string;
  @ApiProperty({ type: String, nullable: true }) payoutState!: string | null;
  @ApiTimestamp({ nullable: true }) payoutStateAt!: string | null;
  @ApiMoney({ description: 'Of the opening: payouts of earlier months released from an integrity review hold' }) releasedMicros!:
    number | string;
}

class EnrollmentPeriodRecord {
  @ApiProperty() id!: string;
  @ApiTimestamp() enrolledAt!: string;
  @ApiTimestamp({ nullable: true }) leftAt!: string | null;
}

class ExplainedEnrollmentRecord {
  @ApiProperty() enrolledAtPeriodEnd!: boolean;
  @ApiProperty() enrolledNow!: boolean;
  @ApiProperty({ type: EnrollmentPeriodRecord, nullable: true }) latest!: EnrollmentPeriodRecord | null;
  @ApiProperty({ type: [EnrollmentPeriodRecord] }) history!: EnrollmentPeriodRecord[];
}

class ExplainedPayoutAccountRecord {
  @ApiProperty() provider!: string;
  @ApiProperty() accountRef!: string;
  @ApiProperty() status!: string;
  @ApiProperty() taxStatus!: string;
  @ApiProperty() ready!: boolean;
}

class ReferralCreditItemRecord {
  @ApiProperty() id!: string;
  @ApiProperty() referralId!: string;
  @ApiProperty({ type: String, nullable: true }) referredMemberId!: string | null;
  @ApiProperty() chargeId!: string;
  @ApiProperty() kind!: string;
  @ApiMoney() amountMicros!: number | string;
  @ApiProperty({ type: String, nullable: true }) reversesPeriod!: string | null;
}

class ExplainedReferralCreditsRecord {
  @ApiMoney() totalMicros!: number | string;
  @ApiMoney() creditMicros!: number | string;
  @ApiMoney() reversalMicros!: number | string;
  @ApiProperty({ type: [ReferralCreditItemRecord] }) items!: ReferralCreditItemRecord[];
}

class ExplainedAdjustmentRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiMoney() amountMicros!: number | string;
  @ApiProperty() reason!: string;
  @ApiTimestamp() createdAt!: string;
}

export class ComparisonRecord {
  @ApiProperty() period!: string;
  @ApiProperty() previousPeriod!: string;
  @ApiProperty() hasPreviousRun!: boolean;
  @ApiMoney() earningsMicros!: number | string;
  @ApiMoney() previousEarningsMicros!: number | string;
  @ApiMoney() changeMicros!: number | string;
  @ApiProperty({ type: [CauseRecord], description: 'ranked money causes, then zero-amount notes' }) causes!: CauseRecord[];
  @ApiMoney() residualMicros!: number | string;
  @ApiProperty({ type: String, nullable: true }) residualText!: string | null;
  @ApiProperty({ type: 'integer', description: 'how many causes under a cent the residual holds' }) notItemized!: number;
}

class ExplainedAuthorRecord {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
}

/** `GET /api/explanations/:authorId/:period`: the writer's earnings explanation, for staff. */
export class ExplanationRecord {
  @ApiProperty({ type: ExplainedAuthorRecord }) author!: ExplainedAuthorRecord;
  @ApiProperty() period!: string;
  @ApiProperty() previousPeriod!: string;
  @ApiProperty({ type: RunSummaryRecord }) run!: RunSummaryRecord;
  @ApiProperty({ type: RunSummaryRecord, nullable: true }) previousRun!: RunSummaryRecord | null;
  @ApiMoney() earningsMicros!: number | string;
  @ApiProperty({ type: ExplainedStatementRecord, nullable: true }) statement!: ExplainedStatementRecord | null;
  @ApiProperty({ type: [ExplainedStoryRecord] }) stories!: ExplainedStoryRecord[];
  @ApiProperty({ type: ExplainedEnrollmentRecord }) enrollment!: ExplainedEnrollmentRecord;
  @ApiProperty({ type: ExplainedPayoutAccountRecord, nullable: true }) payoutAccount!: ExplainedPayoutAccountRecord | null;
  @ApiProperty({ type: ExplainedReferralCreditsRecord }) referralCredits!: ExplainedReferralCreditsRecord;
  @ApiProperty({ type: [ExplainedAdjustmentRecord] }) adjustments!: ExplainedAdjustmentRecord[];
  @ApiProperty({ type: ComparisonRecord }) comparison!: ComparisonRecord;
  @ApiProperty() writerText!: string;
}

class TicketExplanationRefRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) storyId!: string | null;
  @ApiProperty({ type: String, nullable: true }) period!: string | null;
  @ApiProperty({ description: 'the ticket names no period: the last computed one is shown' }) periodIsDefault!: boolean;
}

/** `GET /api/tickets/:id/explanation`: the explanation for the ticket's writer and period. */
export class TicketExplanationRecord extends ExplanationRecord {
  @ApiProperty({ type: TicketExplanationRefRecord }) ticket!: TicketExplanationRefRecord;
}

/** A saved reply (canned response) of the list. */
export class SavedReplyRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TICKET_CATEGORIES, nullable: true }) category!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'uuid' }) updatedBy!: string;
  @ApiTimestamp() createdAt!: string;
  @ApiTimestamp() updatedAt!: string;
}

/** A saved reply with the placeholders its body uses. */
export class SavedReplyDetailRecord extends SavedReplyRecord {
  @ApiProperty({ type: [String] }) placeholders!: string[];
}

/** A placeholder a saved reply may use. */
export class SavedReplyPlaceholderRecord {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the name in double braces' }) token!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'filled from the explanation of a computed payout run' }) needsComputedRun!: boolean;
}

/** A saved reply rendered for a ticket. */
export class RenderedReplyRecord {
  @ApiProperty({ format: 'uuid' }) savedReplyId!: string;
  @ApiProperty() ticketId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the period whose explanation filled the money placeholders' })
  period!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String], description: 'placeholders left as they were: no value' }) missing!: string[];
}

class WriterStatementRecord extends OmitType(ExplainedStatementRecord, ['id', 'payoutStateAt'] as const) {}

class WriterEnrollmentRecord extends PickType(ExplainedEnrollmentRecord, ['enrolledAtPeriodEnd', 'enrolledNow'] as const) {
  @ApiTimestamp({ nullable: true }) enrolledAt!: string | null;
  @ApiTimestamp({ nullable: true }) leftAt!: string | null;
}

class WriterPayoutAccountRecord extends PickType(ExplainedPayoutAccountRecord, ['status', 'taxStatus', 'ready'] as const) {}

class WriterReferralCreditsRecord extends OmitType(ExplainedReferralCreditsRecord, ['items'] as const) {
  @ApiProperty({ type: 'integer' }) count!: number;
}

/** `GET /api/intake/explanations/:authorId/:period`: the writer-facing fields only (no staff data, notes or adjustment reasons). */
export class WriterExplanationRecord {
  @ApiProperty() authorId!: string;
  @ApiProperty() period!: string;
  @ApiProperty() previousPeriod!: string;
  @ApiProperty({ description: 'approved or paid: the figures will not change any more' }) final!: boolean;
  @ApiMoney() earningsMicros!: number | string;
  @ApiProperty({ type: WriterStatementRecord, nullable: true }) statement!: WriterStatementRecord | null;
  @ApiProperty({ type: [ExplainedStoryRecord] }) stories!: ExplainedStoryRecord[];
  @ApiProperty({ type: WriterEnrollmentRecord }) enrollment!: WriterEnrollmentRecord;
  @ApiProperty({ type: WriterPayoutAccountRecord, nullable: true }) payoutAccount!: WriterPayoutAccountRecord | null;
  @ApiProperty({ type: WriterReferralCreditsRecord }) referralCredits!: WriterReferralCreditsRecord;
  @ApiProperty({ type: ComparisonRecord }) comparison!: ComparisonRecord;
  @ApiProperty() writerText!: string;
}
