import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { periodCheck } from '../../../core/src/period/period.js';

/**
 * An integrity decision's exclusion of a (member, story) pair from a period's earnings: the
 * run treats every session and engagement of the pair in the period as ineligible while the
 * row is live (not revoked). The decision itself (its case, reviewer, audit) lives in the
 * integrity module; `decision_ref` names it.
 */
@Entity('earnings_exclusions')
@Index('earnings_exclusions_pair_decision_key', ['period', 'memberKey', 'storyKey', 'decisionRef'], { unique: true })
@Index('earnings_exclusions_decision_idx', ['decisionRef'])
@Check('earnings_exclusions_period_check', periodCheck('period'))
export class EarningsExclusion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'text', name: 'decision_ref' }) decisionRef!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}

/**
 * An integrity decision's hold on an author's payouts: while live (neither released nor
 * forfeited), the author's statements record it and their payouts stay `on_hold`, out of
 * the payout file. Release sends them (pending); forfeit forfeits them.
 */
@Entity('payout_holds')
@Index('payout_holds_decision_key', ['decisionRef'], { unique: true })
@Index('payout_holds_author_idx', ['authorKey'])
@Check('payout_holds_ended_check', `released_at IS NULL OR forfeited_at IS NULL`)
export class PayoutHold {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'text', name: 'decision_ref' }) decisionRef!: string;
  @Column({ type: 'text' }) reason!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'released_at', nullable: true }) releasedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'forfeited_at', nullable: true }) forfeitedAt!: Date | null;
}

/**
 * What a run's excluded reading would have earned a story (run/exclusion-effects-sql.ts):
 * the writer-facing explanation names it as "reading excluded after review".
 */
@Entity('story_exclusion_effects')
@Index('story_exclusion_effects_run_story_key', ['runId', 'storyKey'], { unique: true })
@Index('story_exclusion_effects_author_idx', ['authorKey', 'runId'])
export class StoryExclusionEffect {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  /** Members whose excluded reading of the story this counts. */
  @Column({ type: 'integer' }) members!: number;
  @Column({ type: 'bigint', name: 'amount_micros' }) amountMicros!: string;
}

export const INTEGRITY_ACTION_ENTITIES = [EarningsExclusion, PayoutHold, StoryExclusionEffect];
