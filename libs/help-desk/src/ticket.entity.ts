import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A writer's help-desk ticket: from the help-desk form (intake) or opened by support. */
@Entity('tickets')
@Index('tickets_status_created_idx', ['status', 'createdAt'])
@Index('tickets_member_idx', ['memberKey'])
@Check('tickets_category_check', `category IN ('earnings_drop','missing_payout','eligibility','referral','boost','other')`)
@Check('tickets_status_check', `status IN ('open','pending','resolved')`)
@Check('tickets_period_check', `period IS NULL OR period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
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
}
