import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { periodCheck } from '../../core/src/period/period.js';
import { PAYOUT_STATES, RUN_STATUSES, STATEMENT_STATUSES } from './payout-rules.js';
import { INTEGRITY_ACTION_ENTITIES } from './integrity-actions/integrity-actions.entities.js';
import { SETTLEMENT_ENTITIES } from './settlement/settlement.entities.js';
import { SIMULATION_ENTITIES } from './simulation/simulation.entities.js';
import { sqlList } from '../../core/src/database/sql.js';
import { StatementFigures, StoryEarningFigures } from './result-figures.js';
import { ESTIMATE_ENTITIES } from './estimates/estimates.entities.js';

export { PAYOUT_STATES, RUN_STATUSES, STATEMENT_STATUSES, type RunStatus } from './payout-rules.js';

/** Versions of the earnings parameters; the newest applies to new runs. */
@Entity('earnings_parameter_sets')
export class EarningsParameterSet {
  @PrimaryGeneratedColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) params!: unknown;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/**
 * One payout run per period: recomputing before approval replaces its results (a new
 * attempt), never adds a second run.
 */
@Entity('payout_runs')
@Index('payout_runs_period_key', ['period'], { unique: true })
@Check('payout_runs_status_check', `status IN (${sqlList(RUN_STATUSES)})`)
@Check('payout_runs_period_check', periodCheck('period'))
export class PayoutRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'text' }) status!: string;
  /** Bumped by each (re)computation; jobs of an older attempt do nothing. */
  @Column({ type: 'integer', default: 1 }) attempt!: number;
  /** The attempt whose work tables are complete (a retried prepare job then only re-adds the flow). */
  @Column({ type: 'integer', name: 'prepared_attempt', nullable: true }) preparedAttempt!: number | null;
  /** Pool, members and pairs as prepared: finalize refuses shards that do not add up to them. */
  @Column({ type: 'jsonb', name: 'prepared_totals', nullable: true }) preparedTotals!: unknown;
  /** The approved earlier run the openings came from; approval refuses a run whose basis moved. */
  @Column({ type: 'uuid', name: 'basis_run_id', nullable: true }) basisRunId!: string | null;
  /** Digest of the period's adjustments, referral credits and live integrity exclusions the run used. */
  @Column({ type: 'text', name: 'inputs_digest', nullable: true }) inputsDigest!: string | null;
  /** The integrity decisions (their refs) whose exclusions the run applied. */
  @Column({ type: 'text', name: 'decision_refs', array: true, default: () => "'{}'" }) decisionRefs!: string[];
  @Column({ type: 'integer', default: 0 }) progress!: number;
  @Column({ type: 'jsonb' }) params!: unknown;
  @Column({ type: 'integer', name: 'params_version' }) paramsVersion!: number;
  @Column({ type: 'bigint', name: 'pool_micros', nullable: true }) poolMicros!: string | null;
  @Column({ type: 'bigint', name: 'allocated_micros', nullable: true }) allocatedMicros!: string | null;
  @Column({ type: 'bigint', name: 'unallocated_micros', nullable: true }) unallocatedMicros!: string | null;
  @Column({ type: 'bigint', name: 'referral_micros', nullable: true }) referralMicros!: string | null;
  @Column({ type: 'integer', name: 'member_count', nullable: true }) memberCount!: number | null;
  @Column({ type: 'integer', name: 'pair_count', nullable: true }) pairCount!: number | null;
  @Column({ type: 'uuid', name: 'started_by', nullable: true }) startedBy!: string | null;
  @Column({ type: 'uuid', name: 'approved_by', nullable: true }) approvedBy!: string | null;
  @Column({ type: 'uuid', name: 'paid_by', nullable: true }) paidBy!: string | null;
  @Column({ type: 'timestamptz', name: 'queued_at' }) queuedAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'computed_at', nullable: true }) computedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true }) approvedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt!: Date | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
}

/** A story's earnings in a run, with the breakdown (step 6) and statistics (step 7). */
// Sort indexes of the console's list (migration ListSortIndexes): not generated from columns.
@Index('story_earnings_earnings_micros_idx', { synchronize: false })
@Index('story_earnings_run_earnings_micros_idx', { synchronize: false })
@Index('story_earnings_views_idx', { synchronize: false })
@Index('story_earnings_run_views_idx', { synchronize: false })
@Index('story_earnings_reads_idx', { synchronize: false })
@Index('story_earnings_run_reads_idx', { synchronize: false })
@Index('story_earnings_member_reads_idx', { synchronize: false })
@Index('story_earnings_run_member_reads_idx', { synchronize: false })
@Index('story_earnings_member_reading_seconds_idx', { synchronize: false })
@Index('story_earnings_run_member_reading_seconds_idx', { synchronize: false })
@Index('story_earnings_boost_bonus_micros_idx', { synchronize: false })
@Index('story_earnings_run_boost_bonus_micros_idx', { synchronize: false })
@Entity('story_earnings')
@Index('story_earnings_run_story_key', ['runId', 'storyKey'], { unique: true })
@Index('story_earnings_author_idx', ['authorKey', 'runId'])
export class StoryEarning extends StoryEarningFigures {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'integer', name: 'story_key' }) storyKey!: number;
}

/** An author's statement for a run's period (step 9). */
// Sort indexes of the console's list (migration ListSortIndexes): not generated from columns.
@Index('statements_balance_micros_idx', { synchronize: false })
@Index('statements_run_balance_micros_idx', { synchronize: false })
@Index('statements_payout_cents_idx', { synchronize: false })
@Index('statements_run_payout_cents_idx', { synchronize: false })
@Index('statements_period_idx', { synchronize: false })
@Index('statements_run_period_idx', { synchronize: false })
@Index('statements_status_idx', { synchronize: false })
@Index('statements_run_status_idx', { synchronize: false })
@Entity('statements')
@Index('statements_run_author_key', ['runId', 'authorKey'], { unique: true })
@Index('statements_author_period_idx', ['authorKey', 'period'])
@Check('statements_status_check', `status IN (${sqlList(STATEMENT_STATUSES)})`)
@Check('statements_payout_state_check', `payout_state IS NULL OR payout_state IN (${sqlList(PAYOUT_STATES)})`)
@Check(
  'statements_balance_check',
  `opening_micros + story_earnings_micros + referral_earnings_micros + adjustments_micros = balance_micros AND balance_micros = payout_cents * 10000 + carried_micros + forfeited_micros`,
)
export class Statement extends StatementFigures {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  /** Set on a failed or reversed payout when an approved run has taken it back into a balance. */
  @Column({ type: 'uuid', name: 'returned_by_run_id', nullable: true }) returnedByRunId!: string | null;
  @Column({ type: 'text', name: 'payout_state', nullable: true }) payoutState!: string | null;
  @Column({ type: 'timestamptz', name: 'payout_state_at', nullable: true }) payoutStateAt!: Date | null;
  /** Why the payout failed or came back (payout-failure-codes.ts), while it is failed or reversed. */
  @Column({ type: 'text', name: 'payout_failure_code', nullable: true }) payoutFailureCode!: string | null;
}

/** A manual line item finance adds to an author's statement for a period, with a reason. */
@Entity('adjustments')
@Index('adjustments_author_period_idx', ['authorKey', 'period'])
@Check('adjustments_period_check', periodCheck('period'))
@Check('adjustments_amount_check', `amount_micros <> 0`)
export class Adjustment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'bigint', name: 'amount_micros' }) amountMicros!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

export const PAYOUT_ENTITIES = [
  EarningsParameterSet,
  PayoutRun,
  StoryEarning,
  Statement,
  Adjustment,
  ...SETTLEMENT_ENTITIES,
  ...SIMULATION_ENTITIES,
  ...INTEGRITY_ACTION_ENTITIES,
  ...ESTIMATE_ENTITIES,
];
