import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsOptionalPeriod } from '../../core/src/period/is-period.decorator.js';
import { TICKET_CATEGORIES, TICKET_STATUSES, type TicketCategory, type TicketStatus } from './ticket.entity.js';

/** A ticket support opens on a writer's behalf (e.g. from an email). */
export class CreateTicketDto {
  @ApiProperty({ description: "the writer's member id" }) @IsString() @Length(1, 64) memberId!: string;
  @ApiProperty({ enum: TICKET_CATEGORIES }) @IsIn(TICKET_CATEGORIES) category!: TicketCategory;
  @ApiProperty() @IsString() @Length(1, 300) subject!: string;
  @ApiProperty() @IsString() @Length(1, 20_000) body!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "one of the writer's stories" })
  @IsOptional() @IsString() @Length(1, 64) storyId?: string | null;
  @IsOptionalPeriod({ nullable: true }) period?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() assigneeId?: string | null;
}

/**
 * A change of a ticket. `status` moves it (open ↔ pending; resolved needs a `resolution`;
 * leaving resolved reopens it). react-admin sends the whole record back on edit: the
 * read-only fields are accepted and ignored.
 */
export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES }) @IsOptional() @IsIn(TICKET_STATUSES) status?: TicketStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null unassigns' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() assigneeId?: string | null;
  @IsOptionalPeriod({ nullable: true }) period?: string | null;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES }) @IsOptional() @IsIn(TICKET_CATEGORIES) category?: TicketCategory;
  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(1, 64) storyId?: string | null;
  @ApiPropertyOptional({ description: 'with status resolved, or to correct the text of a resolved ticket' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(1, 20_000) resolution?: string | null;
  @IsOptional() id?: unknown;
  @IsOptional() memberId?: unknown;
  @IsOptional() memberName?: unknown;
  @IsOptional() memberUsername?: unknown;
  @IsOptional() subject?: unknown;
  @IsOptional() body?: unknown;
  @IsOptional() storyTitle?: unknown;
  @IsOptional() assigneeEmail?: unknown;
  @IsOptional() resolvedAt?: unknown;
  @IsOptional() source?: unknown;
  @IsOptional() openedBy?: unknown;
  @IsOptional() createdAt?: unknown;
  @IsOptional() updatedAt?: unknown;
  @IsOptional() ageDays?: unknown;
  @IsOptional() notes?: unknown;
  @IsOptional() explanationPath?: unknown;
}

export class ResolveTicketDto {
  @ApiProperty({ description: 'what was done or answered' }) @IsString() @Length(1, 20_000) resolution!: string;
}

export class ReopenTicketDto {
  @ApiPropertyOptional({ description: 'why it is reopened (kept in the audit log)' }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class AddNoteDto {
  @ApiProperty({ description: 'internal: never shown to the writer' }) @IsString() @Length(1, 20_000) body!: string;
}

export class CreateSavedReplyDto {
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES, nullable: true }) @IsOptional() @IsIn(TICKET_CATEGORIES) category?: TicketCategory | null;
  @ApiProperty({ description: 'text with {{placeholders}}: GET /api/saved-replies/placeholders lists them' })
  @IsString() @Length(1, 20_000) body!: string;
}

export class UpdateSavedReplyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsIn(TICKET_CATEGORIES) category?: TicketCategory | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 20_000) body?: string;
  @IsOptional() id?: unknown;
  @IsOptional() placeholders?: unknown;
  @IsOptional() createdBy?: unknown;
  @IsOptional() updatedBy?: unknown;
  @IsOptional() createdAt?: unknown;
  @IsOptional() updatedAt?: unknown;
}

export class RenderSavedReplyDto {
  @ApiProperty({ description: 'the ticket whose writer, story and period fill the placeholders' }) @IsString() @Length(1, 64) ticketId!: string;
}
