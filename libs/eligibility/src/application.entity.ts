import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const REJECT_REASONS = ['not_member', 'no_recent_story', 'unsupported_country', 'under_18', 'policy', 'other'] as const;

/** A Partner Program application: the feed fields from "Apply now", then the review. */
@Entity('applications')
@Index('applications_one_pending_per_member', ['memberKey'], { unique: true, where: `status = 'pending'` })
@Index('applications_status_submitted_idx', ['status', 'submittedAt'])
@Check('applications_status_check', `status IN ('pending','approved','rejected')`)
export class Application {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'timestamptz', name: 'submitted_at' }) submittedAt!: Date;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'date', name: 'birth_date', nullable: true }) birthDate!: string | null;
  @Column({ type: 'text', default: 'pending' }) status!: string;
  /** The four checks with result and evidence, from the latest evaluation. */
  @Column({ type: 'jsonb', nullable: true }) checks!: unknown;
  @Column({ type: 'timestamptz', name: 'checked_at', nullable: true }) checkedAt!: Date | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', name: 'reject_reason', nullable: true }) rejectReason!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}
