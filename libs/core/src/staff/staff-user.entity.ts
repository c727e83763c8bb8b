import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'reviewer', 'curator', 'support', 'finance'] as const;
export type Role = (typeof ROLES)[number];

@Entity('staff_users')
@Index('staff_users_email_key', ['email'], { unique: true })
@Check('staff_users_roles_check', `roles <@ ARRAY['admin','reviewer','curator','support','finance']::text[] AND cardinality(roles) > 0`)
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Stored lower-cased so that logins are case-insensitive. */
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) roles!: Role[];
  @Column({ type: 'text', name: 'password_hash', select: false }) passwordHash!: string;
  @Column({ type: 'boolean', default: false }) disabled!: boolean;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

/** Failed logins, kept in the database so that throttling holds across api processes. */
@Entity('login_failures')
@Index('login_failures_email_at_idx', ['email', 'failedAt'])
@Index('login_failures_ip_at_idx', ['ip', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ type: 'timestamptz', name: 'failed_at', default: () => 'now()' }) failedAt!: Date;
}
