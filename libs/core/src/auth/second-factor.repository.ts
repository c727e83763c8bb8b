import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../database/sql.js';
import type { Role } from '../staff/staff-user.entity.js';

export interface FactorRow {
  id: string;
  email: string;
  roles: Role[];
  secret: string | null;
  pending: string | null;
  enabledAt: Date | null;
}

/** The TOTP columns of staff_users, the recovery codes, and the sessions' confirmation times. */
@Injectable()
export class SecondFactorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async factor(userId: string): Promise<FactorRow | undefined> {
    return one<FactorRow>(
      this.dataSource,
      `SELECT id, email, roles, totp_secret AS secret, totp_pending_secret AS pending, totp_enabled_at AS "enabledAt" FROM staff_users WHERE id = $1`,
      [userId],
    );
  }

  async setPending(userId: string, sealed: string): Promise<boolean> {
    return (
      (
        await rows(this.dataSource, `UPDATE staff_users SET totp_pending_secret = $2 WHERE id = $1 AND totp_secret IS NULL RETURNING id`, [
          userId,
          sealed,
        ])
      ).length === 1
    );
  }

  /** Makes the pending secret the account's factor, with new recovery codes (none of the old ones). */
  async enable(m: EntityManager, userId: string, sealed: string, step: number, codeHashes: string[]): Promise<boolean> {
    const done = await rows(
      m,
      `UPDATE staff_users SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $3
       WHERE id = $1 AND totp_secret IS NULL RETURNING id`,
      [userId, sealed, step],
    );
    if (!done.length) return false;
    await m.query(`DELETE FROM staff_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(`INSERT INTO staff_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [userId, codeHashes]);
    return true;
  }

  /** Takes a time step once: false when a code of this step (or a later one) was already used. */
  async takeStep(userId: string, step: number): Promise<boolean> {
    return (
      (
        await rows(
          this.dataSource,
          `UPDATE staff_users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
          [userId, step],
        )
      ).length === 1
    );
  }

  async takeRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    return (
      (
        await rows(
          this.dataSource,
          `UPDATE staff_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
          [userId, codeHash],
        )
      ).length === 1
    );
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    return (await one<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM staff_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    ))!.n;
  }

  async reset(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE staff_users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`,
      [userId],
    );
    await m.query(`DELETE FROM staff_recovery_codes WHERE user_id = $1`, [userId]);
  }

  async confirmSession(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE staff_sessions SET second_factor_at = now() WHERE id = $1`, [sessionId]);
  }
}
