import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first response to a money write, by staff user and Idempotency-Key (spec/api.md):
 * written in the same transaction as the write's effect, so that a key exists exactly
 * when its effect does.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_idx', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', name: 'staff_id' }) staffId!: string;
  @PrimaryColumn({ type: 'text', collation: 'C' }) key!: string;
  /** `METHOD /path`, for people reading the table. */
  @Column({ type: 'text' }) route!: string;
  /** sha256 of the method, path and canonical body: the same key with another request is refused. */
  @Column({ type: 'text' }) fingerprint!: string;
  @Column({ type: 'integer', name: 'response_status' }) responseStatus!: number;
  @Column({ type: 'jsonb', name: 'response_body', nullable: true }) responseBody!: unknown;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
