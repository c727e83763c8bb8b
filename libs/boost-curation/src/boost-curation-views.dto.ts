import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiTimestamp } from '../../core/src/http/api-docs.js';
import { ClaimRecord } from '../../core/src/review/claim-record.dto.js';
import { BOOST_SOURCES, BOOST_STATES } from './boosts.repository.js';
import { STORY_STATUSES } from './stories.service.js';
import { BULK_DECLINE_SKIP_REASONS } from './nomination-queue.service.js';
import { DECLINE_REASONS, NOMINATION_STATUSES } from './nomination-states.js';

/* What the boosts, stories, nominations and nominators routes answer (OpenAPI; the console's types come from these). */

/** A boost window (BoostView). */
export class BoostRecord {
  @ApiProperty() id!: string;
  @ApiProperty() storyId!: string;
  @ApiProperty() storyTitle!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ type: String, nullable: true }) publicationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) publicationName!: string | null;
  @ApiTimestamp() startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'exclusive; for a boost ended early, the moment it was ended' })
  endsAt!: string;
  @ApiProperty({ enum: BOOST_SOURCES }) source!: string;
  @ApiProperty({ enum: BOOST_STATES }) state!: string;
  @ApiProperty({ type: String, nullable: true }) nominationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) boostedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for boosts from outside the console' }) boostedByEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) boostReason!: string | null;
  @ApiTimestamp() scheduledEndsAt!: string;
  @ApiProperty() endedEarly!: boolean;
  @ApiTimestamp({ nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) endedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedByEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
}

/** A story as the reading platform sent it (StoryView). */
export class StoryRecord {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ type: String, nullable: true }) publicationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) publicationName!: string | null;
  @ApiProperty({ enum: STORY_STATUSES }) status!: string;
  @ApiTimestamp({ nullable: true }) publishedAt!: string | null;
  @ApiProperty() membersOnly!: boolean;
  @ApiProperty() aiDisclosed!: boolean;
  @ApiProperty() language!: string;
}

/** A nomination as a story's history shows it (NominationView without the reading figures). */
export class StoryNominationRecord extends ClaimRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: NOMINATION_STATUSES }) status!: string;
  @ApiTimestamp() nominatedAt!: string;
  @ApiTimestamp({ nullable: true }) evaluatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason!: string | null;
  @ApiProperty({ enum: DECLINE_REASONS, nullable: true }) declineReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when undecided or the account is gone' }) decidedByEmail!: string | null;
  @ApiTimestamp({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) boostId!: string | null;
  @ApiProperty() storyId!: string;
  @ApiProperty() storyTitle!: string;
  @ApiProperty() storyStatus!: string;
  @ApiTimestamp({ nullable: true }) storyPublishedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) storyAgeDays!: number | null;
  @ApiProperty({ type: String, nullable: true }) storyPublicationId!: string | null;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() authorIsPartner!: boolean;
  @ApiProperty() nominatorId!: string;
  @ApiProperty() nominatorName!: string;
  @ApiProperty() publicationId!: string;
  @ApiProperty() publicationName!: string;
}

/** A nomination of the curator queue, with the story's reading so far (by anyone but its author). */
export class NominationRecord extends StoryNominationRecord {
  @ApiProperty({ type: 'integer' }) views!: number;
  @ApiProperty({ type: 'integer' }) reads!: number;
  @ApiProperty({ type: 'integer' }) readRatioBps!: number;
}

/** One story with its Boost history: its windows and its nominations, oldest first. */
export class StoryDetailRecord extends StoryRecord {
  @ApiProperty({ type: [BoostRecord] }) boosts!: BoostRecord[];
  @ApiProperty({ type: [StoryNominationRecord] }) nominations!: StoryNominationRecord[];
}

/** Per nominator (id = member id): counts, approval rate and good standing (NominatorView). */
export class NominatorRecord {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer' }) nominationsThisMonth!: number;
  @ApiProperty({ type: 'integer' }) nominationsLast7Days!: number;
  @ApiProperty({ type: 'integer' }) totalNominations!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer' }) boosted!: number;
  @ApiProperty({ type: 'integer' }) declined!: number;
  @ApiProperty({ type: 'integer' }) refused!: number;
  @ApiProperty({ type: 'integer', nullable: true }) approvalRateBps!: number | null;
  @ApiProperty() goodStanding!: boolean;
  @ApiTimestamp() lastNominatedAt!: string;
}

class BulkSkippedNominationRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: BULK_DECLINE_SKIP_REASONS }) reason!: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) claimedByEmail?: string | null;
}

/** What a bulk decline did (or, with `dryRun`, would do). */
export class BulkDeclineResultRecord {
  @ApiPropertyOptional({ enum: [true], description: 'present on a preview only: nothing was written' }) dryRun?: true;
  @ApiProperty({ type: 'integer' }) declinedCount!: number;
  @ApiProperty({ type: 'integer' }) skippedCount!: number;
  @ApiProperty({ type: [String] }) declined!: string[];
  @ApiProperty({ type: [BulkSkippedNominationRecord] }) skipped!: BulkSkippedNominationRecord[];
}
