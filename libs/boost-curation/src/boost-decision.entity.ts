import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the console knows about a boost window beyond the window itself (`boosts`, which
 * the payout run reads): who created it and why, and who ended it early. One row per
 * window created or ended from the console; imported history windows have none until a
 * curator ends one.
 */
@Entity('boost_decisions')
export class BoostDecision {
  @PrimaryColumn({ type: 'text', name: 'boost_id', collation: 'C' }) boostId!: string;
  @Column({ type: 'uuid', name: 'boosted_by', nullable: true }) boostedBy!: string | null;
  @Column({ type: 'text', name: 'boost_reason', nullable: true }) boostReason!: string | null;
  /** The end the window was created with (before any early end). */
  @Column({ type: 'timestamptz', name: 'scheduled_ends_at' }) scheduledEndsAt!: Date;
  @Column({ type: 'uuid', name: 'ended_by', nullable: true }) endedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
}
