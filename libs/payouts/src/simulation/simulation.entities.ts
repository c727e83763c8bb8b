import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { periodCheck } from '../../../core/src/period/period.js';
import { STATEMENT_STATUSES } from '../payout-rules.js';
import { StatementFigures, StoryEarningFigures } from '../result-figures.js';
import { SIMULATION_STATUSES } from './simulation-rules.js';
import { sqlList } from '../../../core/src/database/sql.js';

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
export class SimulationStoryEarning extends StoryEarningFigures {
  @PrimaryColumn({ type: 'uuid', name: 'simulation_id' }) simulationId!: string;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
}

/** An author's statement in a simulation: the columns of statements, holds included (no payout state: nothing is paid). */
@Entity('simulation_statements')
@Check('simulation_statements_status_check', `status IN (${sqlList(STATEMENT_STATUSES)})`)
@Check(
  'simulation_statements_balance_check',
  `opening_micros + story_earnings_micros + referral_earnings_micros + adjustments_micros = balance_micros AND balance_micros = payout_cents * 10000 + carried_micros + forfeited_micros`,
)
export class SimulationStatement extends StatementFigures {
  @PrimaryColumn({ type: 'uuid', name: 'simulation_id' }) simulationId!: string;
  @PrimaryColumn({ type: 'integer', name: 'author_key' }) authorKey!: number;
}

export const SIMULATION_ENTITIES = [Simulation, SimulationExcludedPair, SimulationStoryEarning, SimulationStatement];
