import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StaffUser } from '../staff/staff-user.entity.js';

/**
 * One sign-in. A token names its session, and every request checks the row: logout, a password
 * change, a disable or a role change revoke the rows, so earlier tokens stop working at once.
 */
@Entity('staff_sessions')
@Index('staff_sessions_user_idx', ['userId'])
export class StaffSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: StaffUser;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  /** Idle lifetime: a session unused for SESSION_IDLE_MINUTES is over. */
  @Column({ type: 'timestamptz', name: 'last_seen_at', default: () => 'now()' }) lastSeenAt!: Date;
  /** Absolute lifetime (SESSION_TTL_SECONDS from sign-in), whatever the activity. */
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  /** The last second-factor confirmation in this session (sign-in code or step-up): money actions need a recent one. */
  @Column({ type: 'timestamptz', name: 'second_factor_at', nullable: true }) secondFactorAt!: Date | null;
}
