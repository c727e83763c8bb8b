import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/errors.js';
import { one } from '../database/sql.js';
import { hashPassword } from '../staff/staff.service.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { Actor } from './access.decorators.js';
import { SessionRepository } from './session.repository.js';

/**
 * Failed logins allowed in the window per email from one address, and per address over all
 * emails. Never per email alone: someone else's failures from elsewhere cannot lock a user out.
 */
export const LOGIN_THROTTLE = { windowMinutes: 15, perEmail: 5, perIp: 30 };

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
  ) {}

  /** What an unknown email's password is checked against, so that it costs as long as a known one's. */
  private readonly unknownUserHash = hashPassword(randomBytes(32).toString('base64'));

  /**
   * Checks a password, throttled by recent failures of this email from this address and of
   * this address. The attempt is recorded as a failure before the (slow) hash is computed,
   * under a lock per email and address pair and per address, so that concurrent attempts
   * cannot all pass the check; a right password removes it again.
   */
  async validate(emailInput: string, password: string, ip: string | null): Promise<Actor> {
    const email = emailInput.trim().toLowerCase();
    const attemptId = await this.dataSource.transaction(async (m) => {
      if (ip) await m.query(`SELECT pg_advisory_xact_lock(hashtext('login-throttle:ip'), hashtext($1))`, [ip]);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('login-throttle:email'), hashtext($1))`, [`${email} ${ip ?? ''}`]);
      const recent = (await one<{ by_email: number; by_ip: number }>(
        m,
        `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email, count(*)::int AS by_ip
         FROM login_failures WHERE ip IS NOT DISTINCT FROM $2 AND failed_at > now() - make_interval(mins => $3)`,
        [email, ip, LOGIN_THROTTLE.windowMinutes],
      ))!;
      if (recent.by_email >= LOGIN_THROTTLE.perEmail || recent.by_ip >= LOGIN_THROTTLE.perIp) {
        throw new ApiError(429, 'too_many_requests', `too many failed logins; try again in ${LOGIN_THROTTLE.windowMinutes} minutes`);
      }
      return (await one<{ id: string }>(m, `INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`, [email, ip]))!.id;
    });
    const [user] = await this.dataSource.query(
      `SELECT id, email, name, roles, disabled, password_hash FROM staff_users WHERE email = $1`,
      [email],
    );
    const ok = await verify(user ? user.password_hash : await this.unknownUserHash, password);
    if (!user || !ok || user.disabled) {
      throw new ApiError(401, 'unauthorized', user?.disabled && ok ? 'this account is disabled' : 'wrong email or password');
    }
    await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [attemptId]);
    return { id: user.id, email: user.email, name: user.name, roles: user.roles };
  }

  /** Opens a session and signs a token naming it; the token expires with the session's absolute lifetime. */
  async issueToken(actor: Actor): Promise<{ accessToken: string; expiresAt: Date; user: Actor }> {
    const session = await this.sessions.open(actor.id, this.config.jwtTtlSeconds);
    const accessToken = this.jwt.sign({ sub: actor.id, sid: session.id }, { expiresIn: this.config.jwtTtlSeconds, algorithm: 'HS256' });
    return { accessToken, expiresAt: session.expiresAt, user: actor };
  }

  logout(actor: Actor): Promise<void> {
    return actor.sessionId ? this.sessions.revoke(actor.sessionId) : Promise.resolve();
  }
}
