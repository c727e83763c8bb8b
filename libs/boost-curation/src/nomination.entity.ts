import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DECLINE_REASONS, REFUSAL_REASONS } from './nomination-states.js';
import { sqlList } from '../../core/src/database/sql.js';
export {
  DECLINE_REASONS,
  NOMINATION_STATUSES,
  REFUSAL_REASONS,
  type DeclineReason,
  type NominationStatus,
  type RefusalReason,
} from './nomination-states.js';

/** A publication editor's Boost nomination: the feed fields, then the rules' verdict and the decision. */
@Entity('nominations')
@Index('nominations_status_nominated_idx', ['status', 'nominatedAt'])
@Index('nominations_story_idx', ['storyKey'])
@Index('nominations_nominator_idx', ['nominatorKey', 'nominatedAt'])
@Index('nominations_boost_key', ['boostId'], { unique: true, where: `boost_id IS NOT NULL` })
@Check('nominations_status_check', `status IN ('pending','refused','boosted','declined')`)
@Check('nominations_refusal_reason_check', `refusal_reason IS NULL OR refusal_reason IN (${sqlList(REFUSAL_REASONS)})`)
@Check('nominations_decline_reason_check', `decline_reason IS NULL OR decline_reason IN (${sqlList(DECLINE_REASONS)})`)
@Check('nominations_boosted_check', `(status = 'boosted') = (boost_id IS NOT NULL)`)
export class Nomination {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'nominator_key' }) nominatorKey!: number;
  @Column({ type: 'integer', name: 'publication_key' }) publicationKey!: number;
  @Column({ type: 'timestamptz', name: 'nominated_at' }) nominatedAt!: Date;
  @Column({ type: 'text', default: 'pending' }) status!: string;
  @Column({ type: 'text', name: 'refusal_reason', nullable: true }) refusalReason!: string | null;
  /** When the acceptance rules last ran on it (null only inside intake's transaction, before the hook). */
  @Column({ type: 'timestamptz', name: 'evaluated_at', nullable: true }) evaluatedAt!: Date | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', name: 'decline_reason', nullable: true }) declineReason!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** The boost window a `boosted` nomination created (`boosts.id`). */
  @Column({ type: 'text', name: 'boost_id', collation: 'C', nullable: true }) boostId!: string | null;
  /** The curator working it now (a review claim, until `claimedUntil`; cleared by the decision). */
  @Column({ type: 'uuid', name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'claimed_until', nullable: true }) claimedUntil!: Date | null;
}
