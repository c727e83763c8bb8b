import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { periodCheck } from '../../core/src/period/period.js';
import { TICKET_CATEGORIES } from './ticket-categories.js';

export { TICKET_CATEGORIES, type TicketCategory } from './ticket-categories.js';
const CATEGORIES_SQL = TICKET_CATEGORIES.map((c) => `'${c}'`).join(',');
export const TICKET_STATUSES = ['open', 'pending', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_SOURCES = ['intake', 'support'] as const;

/**
 * A writer's help-desk ticket: from the help-desk form (intake `tickets`, which writes the
 * feed fields id, member_key, category, subject, body, story_key, period, created_at and
 * leaves the rest to their defaults) or opened by support (`tkt_<uuid>`, source `support`).
 * `open` → `pending` (waiting on the writer) → `resolved`; a resolved ticket may be reopened.
 */
@Entity('tickets')
@Index('tickets_status_created_idx', ['status', 'createdAt'])
@Index('tickets_member_idx', ['memberKey'])
@Index('tickets_assignee_idx', ['assigneeId', 'status'])
@Check('tickets_category_check', `category IN (${CATEGORIES_SQL})`)
@Check('tickets_status_check', `status IN ('open','pending','resolved')`)
@Check('tickets_period_check', `period IS NULL OR (${periodCheck('period')})`)
@Check('tickets_source_check', `source IN ('intake','support')`)
@Check('tickets_resolved_check', `(status = 'resolved') = (resolved_at IS NOT NULL)`)
export class Ticket {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'integer', name: 'story_key', nullable: true }) storyKey!: number | null;
  @Column({ type: 'text', nullable: true }) period!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'text', default: 'open' }) status!: string;
  @Column({ type: 'uuid', name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  /** Where the ticket came from: the help-desk form (intake) or support. */
  @Column({ type: 'text', default: 'intake' }) source!: string;
  /** The support agent who opened it (null for the form). */
  @Column({ type: 'uuid', name: 'opened_by', nullable: true }) openedBy!: string | null;
  /** The last change by staff (status, assignee, period, notes); the row's arrival for intake tickets. */
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** Support's internal notes on a ticket: never shown to the writer, never edited (append-only). */
@Entity('ticket_notes')
@Index('ticket_notes_ticket_idx', ['ticketId', 'createdAt'])
export class TicketNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', name: 'ticket_id', collation: 'C' }) ticketId!: string;
  @Column({ type: 'uuid', name: 'author_id' }) authorId!: string;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/**
 * A canned response support picks and edits: `{{placeholder}}`s (see saved-reply-template.ts)
 * are filled from the ticket, the writer and the period's earnings explanation.
 */
@Entity('saved_replies')
@Index('saved_replies_title_key', ['title'], { unique: true })
@Check('saved_replies_category_check', `category IS NULL OR category IN (${CATEGORIES_SQL})`)
export class SavedReply {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  /** The ticket category it is meant for (null: any). */
  @Column({ type: 'text', nullable: true }) category!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

export const HELP_DESK_ENTITIES = [Ticket, TicketNote, SavedReply];
