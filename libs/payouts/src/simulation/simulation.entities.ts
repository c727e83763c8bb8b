import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { periodCheck } from '../../../core/src/period/period.js';
import { STATEMENT_STATUSES } from '../payout-rules.js';
import { SIMULATION_STATUSES } from './simulation-rules.js';

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * A what-if run: the earnings engine for a closed period (one with an approved or paid run)
 * with another parameter set, some boosts left out or some reader–story pairs excluded.
 * Its results live in its own tables; kept until deleted.
 */
@Entity('simulations')
@Index('simulations_period_idx', ['period'])
@Check('simulations_status_check', `status IN (${sqlList(SIMULATION_STATUSES)})`)
@Check('simulations_period_check', periodCheck('period'))
export class Simulation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) period!: string;
  /** The period's approved (or paid) run it compares with and takes its openings from. */
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'integer', default: 0 }) progress!: number;
  /** The whole parameter set it computed with (the run's, with `changes` applied). */
  @Column({ type: 'jsonb' }) params!: unknown;
  /** The fields that differ from the run's parameters. */
  @Column({ type: 'jsonb' }) changes!: unknown;
  /** Boosts the engine does not see in this simulation. */
  @Column({ type: 'text', name: 'without_boost_ids', array: true, default: () => "'{}'" }) withoutBoostIds!: string[];
  /** Who asked for it (null: another module through the library). */
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'text', nullable: true }) label!: string | null;
  @Column({ type: 'bigint', name: 'pool_micros', nullable: true }) poolMicros!: string | null;
  @Column({ type: 'bigint', name: 'allocated_micros', nullable: true }) allocatedMicros!: string | null;
  @Column({ type: 'bigint', name: 'unallocated_micros', nullable: true }) unallocatedMicros!: string | null;
  @Column({ type: 'integer', name: 'member_count', nullable: true }) memberCount!: number | null;
  @Column({ type: 'integer', name: 'pair_count', nullable: true }) pairCount!: number | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
}

/** Reader–story pairs a simulation excludes (the engine treats their sessions and engagement as absent). */
@Entity('simulation_excluded_pairs')
export class SimulationExcludedPair {
  @PrimaryColumn({ type: 'uuid', name: 'simulation_id' }) simulationId!: string;
  @PrimaryColumn({ type: 'integer' }) m!: number;
  @PrimaryColumn({ type: 'integer' }) s!: number;
}

/** A story's earnings in a simulation: the columns of story_earnings. */
@Entity('simulation_story_earnings')
@Index('simulation_story_earnings_author_idx', ['simulationId', 'authorKey'])
export class SimulationStoryEarning {
  @PrimaryColumn({ type: 'uuid', name: 'simulation_id' }) simulationId!: string;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'bigint', name: 'earnings_micros' }) earningsMicros!: string;
  @Column({ type: 'bigint', name: 'reading_time_micros' }) readingTimeMicros!: string;
  @Column({ type: 'bigint', name: 'engagement_micros' }) engagementMicros!: string;
  @Column({ type: 'bigint', name: 'read_ratio_adjustment_micros' }) readRatioAdjustmentMicros!: string;
  @Column({ type: 'bigint', name: 'follower_bonus_micros' }) followerBonusMicros!: string;
  @Column({ type: 'bigint', name: 'boost_bonus_micros' }) boostBonusMicros!: string;
  @Column({ type: 'integer' }) views!: number;
  @Column({ type: 'integer' }) reads!: number;
  @Column({ type: 'integer', name: 'read_ratio_adjustment_bps' }) readRatioAdjustmentBps!: number;
  @Column({ type: 'integer', name: 'member_reads' }) memberReads!: number;
  @Column({ type: 'bigint', name: 'member_reading_seconds' }) memberReadingSeconds!: string;
  @Column({ type: 'integer' }) clappers!: number;
  @Column({ type: 'integer' }) highlighters!: number;
  @Column({ type: 'integer' }) repliers!: number;
  @Column({ type: 'integer', name: 'new_follows' }) newFollows!: number;
  @Column({ type: 'integer', name: 'follower_readers' }) followerReaders!: number;
  @Column({ type: 'integer', name: 'boosted_readers' }) boostedReaders!: number;
}

/** An author's statement in a simulation: the columns of statements, holds included (no payout state: nothing is paid). */
@Entity('simulation_statements')
@Check('simulation_statements_status_check', `status IN (${sqlList(STATEMENT_STATUSES)})`)
@Check(
  'simulation_statements_balance_check',
  `opening_micros + story_earnings_micros + referral_earnings_micros + adjustments_micros = balance_micros AND balance_micros = payout_cents * 10000 + carried_micros + forfeited_micros`,
)
export class SimulationStatement {
  @PrimaryColumn({ type: 'uuid', name: 'simulation_id' }) simulationId!: string;
  @PrimaryColumn({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'bigint', name: 'opening_micros' }) openingMicros!: string;
  @Column({ type: 'uuid', name: 'opening_run_id', nullable: true }) openingRunId!: string | null;
  @Column({ type: 'uuid', name: 'returned_statement_ids', array: true, default: () => "'{}'" }) returnedStatementIds!: string[];
  @Column({ type: 'bigint', name: 'story_earnings_micros' }) storyEarningsMicros!: string;
  @Column({ type: 'bigint', name: 'referral_earnings_micros' }) referralEarningsMicros!: string;
  @Column({ type: 'bigint', name: 'adjustments_micros' }) adjustmentsMicros!: string;
  @Column({ type: 'bigint', name: 'balance_micros' }) balanceMicros!: string;
  @Column({ type: 'bigint', name: 'payout_cents' }) payoutCents!: string;
  @Column({ type: 'bigint', name: 'carried_micros' }) carriedMicros!: string;
  @Column({ type: 'bigint', name: 'forfeited_micros' }) forfeitedMicros!: string;
  @Column({ type: 'text' }) status!: string;
  /** The author's live integrity hold when it was computed (as on a run's statement). */
  @Column({ type: 'text', name: 'hold_ref', nullable: true }) holdRef!: string | null;
  @Column({ type: 'text', name: 'hold_reason', nullable: true }) holdReason!: string | null;
}

export const SIMULATION_ENTITIES = [Simulation, SimulationExcludedPair, SimulationStoryEarning, SimulationStatement];
