import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { EchoedReadOnly, Nullable, OptionalNotNull } from '../../core/src/http/validation.js';
import { IsOptionalPeriod } from '../../core/src/period/is-period.decorator.js';
import { TICKET_CATEGORIES, TICKET_STATUSES, type TicketCategory, type TicketStatus } from './ticket.entity.js';
import { MAX_ID_LENGTH, MAX_REASON_LENGTH, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '../../core/src/text-limits.js';

/** A ticket support opens on a writer's behalf (e.g. from an email). */
export class CreateTicketDto {
  @ApiProperty({ description: "the writer's member id" }) @IsString() @Length(1, MAX_ID_LENGTH) memberId!: string;
  @ApiProperty({ enum: TICKET_CATEGORIES }) @IsIn(TICKET_CATEGORIES) category!: TicketCategory;
  @ApiProperty() @IsString() @Length(1, MAX_TITLE_LENGTH) subject!: string;
  @ApiProperty() @IsString() @Length(1, MAX_TEXT_LENGTH) body!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "one of the writer's stories" })
  @Nullable()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  storyId?: string | null;
  @IsOptionalPeriod({ nullable: true }) period?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Nullable() @IsUUID() assigneeId?: string | null;
}

/**
 * A change of a ticket. `status` moves it (open ↔ pending; resolved needs a `resolution`;
 * leaving resolved reopens it). react-admin sends the whole record back on edit: the
 * read-only fields are accepted and ignored.
 */
export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES }) @OptionalNotNull() @IsIn(TICKET_STATUSES) status?: TicketStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null unassigns' })
  @Nullable()
  @IsUUID()
  assigneeId?: string | null;
  @IsOptionalPeriod({ nullable: true }) period?: string | null;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES }) @OptionalNotNull() @IsIn(TICKET_CATEGORIES) category?: TicketCategory;
  @ApiPropertyOptional({ type: String, nullable: true }) @Nullable() @IsString() @Length(1, MAX_ID_LENGTH) storyId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'with status resolved, or to correct the text of a resolved ticket' })
  @Nullable()
  @IsString()
  @Length(1, MAX_TEXT_LENGTH)
  resolution?: string | null;
  @EchoedReadOnly() id?: unknown;
  @EchoedReadOnly() memberId?: unknown;
  @EchoedReadOnly() memberName?: unknown;
  @EchoedReadOnly() memberUsername?: unknown;
  @EchoedReadOnly() subject?: unknown;
  @EchoedReadOnly() body?: unknown;
  @EchoedReadOnly() storyTitle?: unknown;
  @EchoedReadOnly() assigneeEmail?: unknown;
  @EchoedReadOnly() resolvedAt?: unknown;
  @EchoedReadOnly() source?: unknown;
  @EchoedReadOnly() openedBy?: unknown;
  @EchoedReadOnly() createdAt?: unknown;
  @EchoedReadOnly() updatedAt?: unknown;
  @EchoedReadOnly() ageDays?: unknown;
  @EchoedReadOnly() notes?: unknown;
  @EchoedReadOnly() explanationPath?: unknown;
}

export class ResolveTicketDto {
  @ApiProperty({ description: 'what was done or answered' }) @IsString() @Length(1, MAX_TEXT_LENGTH) resolution!: string;
}

export class ReopenTicketDto {
  @ApiPropertyOptional({ description: 'why it is reopened (kept in the audit log)' })
  @OptionalNotNull()
  @IsString()
  @Length(1, MAX_REASON_LENGTH)
  reason?: string;
}

export class AddNoteDto {
  @ApiProperty({ description: 'internal: never shown to the writer' }) @IsString() @Length(1, MAX_TEXT_LENGTH) body!: string;
}

export class CreateSavedReplyDto {
  @ApiProperty() @IsString() @Length(1, MAX_TITLE_LENGTH) title!: string;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES, nullable: true }) @Nullable() @IsIn(TICKET_CATEGORIES) category?: TicketCategory | null;
  @ApiProperty({ description: 'text with {{placeholders}}: GET /api/saved-replies/placeholders lists them' })
  @IsString()
  @Length(1, MAX_TEXT_LENGTH)
  body!: string;
}

export class UpdateSavedReplyDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, MAX_TITLE_LENGTH) title?: string;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES, nullable: true })
  @Nullable()
  @IsIn(TICKET_CATEGORIES)
  category?: TicketCategory | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, MAX_TEXT_LENGTH) body?: string;
  @EchoedReadOnly() id?: unknown;
  @EchoedReadOnly() placeholders?: unknown;
  @EchoedReadOnly() createdBy?: unknown;
  @EchoedReadOnly() updatedBy?: unknown;
  @EchoedReadOnly() createdAt?: unknown;
  @EchoedReadOnly() updatedAt?: unknown;
}

export class RenderSavedReplyDto {
  @ApiProperty({ description: 'the ticket whose writer, story and period fill the placeholders' })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  ticketId!: string;
}
