import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger (see the migration) refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_log')
@Index('audit_log_at_idx', ['at'])
@Index('audit_log_entity_idx', ['entityType', 'entityId'])
@Index('audit_log_actor_idx', ['actorId'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'text', name: 'actor_email' }) actorEmail!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text', name: 'entity_type' }) entityType!: string;
  @Column({ type: 'text', name: 'entity_id' }) entityId!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: unknown;
  @Column({ type: 'jsonb', nullable: true }) after!: unknown;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
}
