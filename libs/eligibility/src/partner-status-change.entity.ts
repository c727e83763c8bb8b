import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PARTNER_STATUSES = ['active', 'suspended', 'removed', 'left'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/**
 * A partner's status history, one row per change, each with its reason. A row belongs to
 * one enrollment: approval opens it (`active`), removal or leaving closes it.
 */
@Entity('partner_status_changes')
@Index('partner_status_changes_member_idx', ['memberKey', 'changedAt'])
@Index('partner_status_changes_enrollment_idx', ['enrollmentId', 'changedAt'])
@Check('partner_status_changes_status_check', `status IN ('active','suspended','removed','left')`)
export class PartnerStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'text', name: 'enrollment_id', collation: 'C' }) enrollmentId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text' }) reason!: string;
  /** The approved application, for the `active` row an approval writes. */
  @Column({ type: 'text', name: 'application_id', collation: 'C', nullable: true }) applicationId!: string | null;
  @Column({ type: 'uuid', name: 'changed_by', nullable: true }) changedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'changed_at', default: () => 'now()' }) changedAt!: Date;
}
