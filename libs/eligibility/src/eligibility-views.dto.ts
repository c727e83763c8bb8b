import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiTimestamp } from '../../core/src/http/api-docs.js';
import { ClaimRecord } from '../../core/src/review/claim-record.dto.js';
import { APPLICATION_STATUSES, CHECK_NAMES, REJECT_REASONS } from './application.entity.js';
import { BULK_APPROVE_SKIP_REASONS } from './applications.service.js';
import { PARTNER_STATUSES } from './partner-status-change.entity.js';

/* What the partners, countries and applications routes answer (OpenAPI; the console's types come from these). */

/** A partner: a member with an enrollment, shown with their latest one and its latest status change (PartnerView). */
export class PartnerRecord {
  @ApiProperty({ description: 'the member id' }) id!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ enum: PARTNER_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiTimestamp() statusChangedAt!: string;
  @ApiProperty() enrollmentId!: string;
  @ApiTimestamp() enrolledAt!: string;
  @ApiTimestamp({ nullable: true }) leftAt!: string | null;
}

export class PartnerStatusChangeRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: PARTNER_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() enrollmentId!: string;
  @ApiProperty({ type: String, nullable: true }) applicationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) changedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) changedByEmail!: string | null;
  @ApiTimestamp() changedAt!: string;
}

export class EnrollmentRecord {
  @ApiProperty() id!: string;
  @ApiTimestamp() enrolledAt!: string;
  @ApiTimestamp({ nullable: true }) leftAt!: string | null;
}

/** A partner with their status changes and enrollments, newest first. */
export class PartnerDetailRecord extends PartnerRecord {
  @ApiProperty({ type: [PartnerStatusChangeRecord] }) history!: PartnerStatusChangeRecord[];
  @ApiProperty({ type: [EnrollmentRecord] }) enrollments!: EnrollmentRecord[];
}

/** A supported country (id = code). */
export class CountryRecord {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() payable!: boolean;
  @ApiProperty({ format: 'date' }) dateAdded!: string;
}

/** One eligibility check's verdict, with what it looked at. */
export class CheckRecord {
  @ApiProperty() pass!: boolean;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ enum: REJECT_REASONS, nullable: true }) reason?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) evidence?: Record<string, unknown> | null;
}

/** The four checks as last evaluated, and when. */
export class ChecksRecord {
  @ApiPropertyOptional({ format: 'date-time' }) asOf?: string;
  @ApiPropertyOptional({ format: 'date' }) today?: string;
  @ApiPropertyOptional({ type: CheckRecord }) member?: CheckRecord;
  @ApiPropertyOptional({ type: CheckRecord }) recentStory?: CheckRecord;
  @ApiPropertyOptional({ type: CheckRecord }) country?: CheckRecord;
  @ApiPropertyOptional({ type: CheckRecord }) age?: CheckRecord;
}

/** A Partner Program application with its review (ApplicationView). */
export class ApplicationRecord extends ClaimRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) memberId!: string | null;
  @ApiProperty({ type: String, nullable: true }) memberUsername!: string | null;
  @ApiProperty({ type: String, nullable: true }) memberName!: string | null;
  @ApiTimestamp() submittedAt!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) birthDate!: string | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'every check passes (null before the first evaluation)' })
  eligible!: boolean | null;
  @ApiProperty({ enum: CHECK_NAMES, isArray: true, nullable: true }) failingChecks!: string[] | null;
  @ApiProperty({ type: ChecksRecord, nullable: true }) checks!: ChecksRecord | null;
  @ApiTimestamp({ nullable: true }) checkedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enteredBy!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByEmail!: string | null;
  @ApiTimestamp({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ enum: REJECT_REASONS, nullable: true }) rejectReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, nullable: true }) enrollmentId!: string | null;
}

class BulkApprovedRecord {
  @ApiProperty() id!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() enrollmentId!: string;
}

class BulkSkippedApplicationRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: BULK_APPROVE_SKIP_REASONS }) reason!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ enum: CHECK_NAMES, isArray: true }) failingChecks?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'for `claimed`: who is reviewing it' }) claimedByEmail?: string | null;
}

/** What a bulk approval did (or, with `dryRun`, would do). */
export class BulkApproveResultRecord {
  @ApiPropertyOptional({ enum: [true], description: 'present on a preview only: nothing was written' }) dryRun?: true;
  @ApiProperty({ type: 'integer' }) matched!: number;
  @ApiProperty({ type: 'integer' }) approvedCount!: number;
  @ApiProperty({ type: 'integer' }) skippedCount!: number;
  @ApiProperty({ type: [BulkApprovedRecord] }) approved!: BulkApprovedRecord[];
  @ApiProperty({ type: [BulkSkippedApplicationRecord] }) skipped!: BulkSkippedApplicationRecord[];
}
