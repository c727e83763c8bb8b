import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A publication editor's Boost nomination: the feed fields, then the rules' verdict and the decision. */
@Entity('nominations')
@Index('nominations_status_nominated_idx', ['status', 'nominatedAt'])
@Index('nominations_story_idx', ['storyKey'])
@Index('nominations_nominator_idx', ['nominatorKey', 'nominatedAt'])
@Check('nominations_status_check', `status IN ('pending','refused','boosted','declined')`)
export class Nomination {
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'nominator_key' }) nominatorKey!: number;
  @Column({ type: 'integer', name: 'publication_key' }) publicationKey!: number;
  @Column({ type: 'timestamptz', name: 'nominated_at' }) nominatedAt!: Date;
  @Column({ type: 'text', default: 'pending' }) status!: string;
  @Column({ type: 'text', name: 'refusal_reason', nullable: true }) refusalReason!: string | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', name: 'decline_reason', nullable: true }) declineReason!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}
