import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CheckName } from './application-rules.js';

export {
  APPLICATION_STATUSES,
  CHECK_NAMES,
  CHECK_REJECT_REASON,
  REJECT_REASONS,
  type CheckName,
  type RejectReason,
} from './application-rules.js';

/** A Partner Program application: the feed fields from "Apply now", then the review. */
@Entity('applications')
@Index('applications_one_pending_per_member', ['memberKey'], { unique: true, where: `status = 'pending'` })
@Index('applications_status_submitted_idx', ['status', 'submittedAt'])
@Index('applications_member_idx', ['memberKey'])
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
  /** Names of the checks that failed at the latest evaluation (empty: eligible; null: never evaluated). */
  @Column({ type: 'text', name: 'failing_checks', array: true, nullable: true }) failingChecks!: CheckName[] | null;
  @Column({ type: 'timestamptz', name: 'checked_at', nullable: true }) checkedAt!: Date | null;
  /** The staff member who entered it (null when it came through intake). */
  @Column({ type: 'uuid', name: 'entered_by', nullable: true }) enteredBy!: string | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', name: 'reject_reason', nullable: true }) rejectReason!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** The reviewer working it now (a review claim, until `claimedUntil`; cleared by the decision). */
  @Column({ type: 'uuid', name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'claimed_until', nullable: true }) claimedUntil!: Date | null;
}
