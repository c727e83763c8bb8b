import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SETTLEMENT_LINE_CLASSES, SETTLEMENT_STATUSES } from '../settlement-rules.js';
import { sqlList } from '../../../core/src/database/sql.js';

/**
 * A settlement file finance applied to a payout run: once per run and content (sha256), so
 * the same file applied again changes nothing. Append-only (migration SettlementsAppendOnly).
 */
@Entity('settlement_files')
@Index('settlement_files_run_sha256_key', ['runId', 'sha256'], { unique: true })
export class SettlementFile {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  /** Hex sha256 of the file's bytes (UTF-8). */
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'text', name: 'file_name', nullable: true }) fileName!: string | null;
  @Column({ type: 'uuid', name: 'applied_by' }) appliedBy!: string;
  @Column({ type: 'integer', name: 'line_count' }) lineCount!: number;
  /** Lines per class, and the missing payouts, when it was applied. */
  @Column({ type: 'jsonb' }) counts!: unknown;
  /** Payouts it moved, and their amount. */
  @Column({ type: 'integer', name: 'applied_count' }) appliedCount!: number;
  @Column({ type: 'bigint', name: 'applied_micros' }) appliedMicros!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'applied_at' }) appliedAt!: Date;
}

/** A line of an applied settlement file, as classified against the run (`from`/`to`: the change it made). */
@Entity('settlement_lines')
@Index('settlement_lines_file_line_key', ['fileId', 'line'], { unique: true })
@Index('settlement_lines_statement_idx', ['statementId'])
@Check('settlement_lines_status_check', `status IN (${sqlList(SETTLEMENT_STATUSES)})`)
@Check('settlement_lines_class_check', `class IN (${sqlList(SETTLEMENT_LINE_CLASSES)})`)
export class SettlementLine {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'file_id' }) fileId!: string;
  /** The line of the file (the header is line 1). */
  @Column({ type: 'integer' }) line!: number;
  @Column({ type: 'text' }) reference!: string;
  @Column({ type: 'uuid', name: 'statement_id', nullable: true }) statementId!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'bigint', name: 'amount_micros' }) amountMicros!: string;
  @Column({ type: 'date', name: 'settled_on' }) settledOn!: string;
  @Column({ type: 'text', name: 'failure_code', nullable: true }) failureCode!: string | null;
  @Column({ type: 'text' }) class!: string;
  @Column({ type: 'text', name: 'from_state', nullable: true }) fromState!: string | null;
  @Column({ type: 'text', name: 'to_state', nullable: true }) toState!: string | null;
}

export const SETTLEMENT_ENTITIES = [SettlementFile, SettlementLine];
