import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CASE_KINDS, CASE_STATUSES, EVENT_KINDS, SIGNALS } from './integrity-rules.js';
import { sqlList } from '../../core/src/database/sql.js';

/** The versions of the integrity thresholds (like earnings_parameter_sets): a new row per change. */
@Entity('integrity_parameter_sets')
export class IntegrityParameterSet {
  @PrimaryGeneratedColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) params!: Record<string, number>;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
}

/**
 * A case of the integrity queue: one author (farm, concentration) or one ring of writers in a
 * period. `case_key` names the pattern (`author:<member id>`, `ring:<member ids>`): a rerun of
 * the detection updates the open case with that key and never touches a decided one.
 */
@Entity('integrity_cases')
@Index('integrity_cases_key', ['period', 'caseKey'], { unique: true })
@Index('integrity_cases_status_idx', ['status', 'period'])
@Check('integrity_cases_kind_check', `kind IN (${sqlList(CASE_KINDS)})`)
@Check('integrity_cases_status_check', `status IN (${sqlList(CASE_STATUSES)})`)
export class IntegrityCase {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) period!: string;
  @Column({ type: 'text', name: 'case_key', collation: 'C' }) caseKey!: string;
  @Column({ type: 'text' }) kind!: string;
  /** The author of an author case; a ring's first member (by id) for a ring case. */
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'text', default: 'open' }) status!: string;
  /** The highest score of its flags (0–100). */
  @Column({ type: 'integer' }) score!: number;
  @Column({ type: 'integer', name: 'member_count' }) memberCount!: number;
  @Column({ type: 'integer', name: 'session_count' }) sessionCount!: number;
  @Column({ type: 'bigint', name: 'time_points' }) timePoints!: string;
  /** The integrity parameter version the flags were computed with. */
  @Column({ type: 'integer', name: 'params_version' }) paramsVersion!: number;
  /** What the authors would lose with the case's pairs excluded (null: not computed yet). */
  @Column({ type: 'bigint', name: 'money_at_stake_micros', nullable: true }) moneyAtStakeMicros!: string | null;
  /** Writers (not the case's) whose earnings would rise with the case excluded. */
  @Column({ type: 'integer', name: 'stake_gainers', nullable: true }) stakeGainers!: number | null;
  /** How the unallocated money would change (contributions of members left without a pair). */
  @Column({ type: 'bigint', name: 'stake_unallocated_micros', nullable: true }) stakeUnallocatedMicros!: string | null;
  @Column({ type: 'timestamptz', name: 'stake_computed_at', nullable: true }) stakeComputedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'detected_at' }) detectedAt!: Date;
  @Column({ type: 'uuid', name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'claimed_until', nullable: true }) claimedUntil!: Date | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', name: 'decision_reason', nullable: true }) decisionReason!: string | null;
}

/** One signal's finding inside a case, with its evidence (members, stories, counts, time distribution, share). */
@Entity('integrity_flags')
@Index('integrity_flags_case_idx', ['caseId'])
@Check('integrity_flags_signal_check', `signal IN (${sqlList(SIGNALS)})`)
export class IntegrityFlag {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'case_id' }) caseId!: string;
  @Column({ type: 'text' }) signal!: string;
  @Column({ type: 'integer', name: 'author_key' }) authorKey!: number;
  @Column({ type: 'integer' }) score!: number;
  @Column({ type: 'jsonb' }) evidence!: Record<string, unknown>;
}

/** The (member, story) pairs a case involves: what an exclusion takes out of the period's earnings. */
@Entity('integrity_case_pairs')
export class IntegrityCasePair {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' }) caseId!: string;
  @PrimaryColumn({ type: 'integer', name: 'member_key' }) memberKey!: number;
  @PrimaryColumn({ type: 'integer', name: 'story_key' }) storyKey!: number;
  @Column({ type: 'integer' }) sessions!: number;
  @Column({ type: 'bigint', name: 'time_points' }) timePoints!: string;
}

/**
 * Money at stake per author (integrity stakes job): the change of the author's story earnings
 * with the case's pairs excluded (the engine's with − without, µ$); `subject`: one of the case's
 * authors (their stories are in its pairs). Only authors whose earnings change.
 */
@Entity('integrity_case_stakes')
export class IntegrityCaseStake {
  @PrimaryColumn({ type: 'uuid', name: 'case_id', primaryKeyConstraintName: 'PK_integrity_case_stakes' }) caseId!: string;
  @PrimaryColumn({ type: 'integer', name: 'author_key', primaryKeyConstraintName: 'PK_integrity_case_stakes' }) authorKey!: number;
  @Column({ type: 'bigint', name: 'delta_micros' }) deltaMicros!: string;
  @Column({ type: 'boolean' }) subject!: boolean;
}

/** A case's history: detection, claims, internal notes, decisions and their reversals. */
@Entity('integrity_case_events')
@Index('integrity_case_events_case_idx', ['caseId', 'at'])
@Check('integrity_case_events_kind_check', `kind IN (${sqlList(EVENT_KINDS)})`)
export class IntegrityCaseEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'case_id' }) caseId!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'jsonb', nullable: true }) data!: Record<string, unknown> | null;
}

export const INTEGRITY_ENTITIES = [
  IntegrityParameterSet,
  IntegrityCase,
  IntegrityFlag,
  IntegrityCasePair,
  IntegrityCaseStake,
  IntegrityCaseEvent,
];
