import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'reviewer', 'curator', 'support', 'finance', 'integrity'] as const;
export type Role = (typeof ROLES)[number];

@Entity('staff_users')
@Index('staff_users_email_key', ['email'], { unique: true })
@Check(
  'staff_users_roles_check',
  `roles <@ ARRAY['admin','reviewer','curator','support','finance','integrity']::text[] AND cardinality(roles) > 0`,
)
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Stored lower-cased so that logins are case-insensitive. */
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) roles!: Role[];
  @Column({ type: 'text', name: 'password_hash', select: false }) passwordHash!: string;
  @Column({ type: 'boolean', default: false }) disabled!: boolean;
  /** The TOTP secret, AES-256-GCM sealed (see secret-box.ts); null until enrolment is confirmed. */
  @Column({ type: 'text', name: 'totp_secret', nullable: true, select: false }) totpSecret!: string | null;
  /** A secret shown for enrolment, waiting for its first code. */
  @Column({ type: 'text', name: 'totp_pending_secret', nullable: true, select: false }) totpPendingSecret!: string | null;
  @Column({ type: 'timestamptz', name: 'totp_enabled_at', nullable: true }) totpEnabledAt!: Date | null;
  /** The last time step a code was accepted for: a code is good once (no replay). */
  @Column({ type: 'bigint', name: 'totp_last_step', nullable: true }) totpLastStep!: string | null;
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

/** Single-use recovery codes, stored as keyed hashes; shown once, at enrolment. */
@Entity('staff_recovery_codes')
@Index('staff_recovery_codes_user_hash_key', ['userId', 'codeHash'], { unique: true })
export class StaffRecoveryCode {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: StaffUser;
  @Column({ type: 'text', name: 'code_hash' }) codeHash!: string;
  @Column({ type: 'timestamptz', name: 'used_at', nullable: true }) usedAt!: Date | null;
}
