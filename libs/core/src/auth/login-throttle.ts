import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one } from '../database/sql.js';
import { ApiError } from '../http/errors.js';

/**
 * Failed attempts allowed in the window per email from one address, and per address over all
 * emails. Never per email alone: someone else's failures from elsewhere cannot lock a user out.
 * Passwords and second-factor codes (sign-in, step-up, enrolment) count alike.
 */
export const LOGIN_THROTTLE = { windowMinutes: 15, perEmail: 5, perIp: 30 };

@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records an attempt as a failure before it is checked (under a lock per address and per
   * email and address pair, so concurrent attempts cannot all pass), or answers 429.
   * `succeeded` removes it again.
   */
  async attempt(email: string, ip: string | null): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      if (ip) await m.query(`SELECT pg_advisory_xact_lock(hashtext('login-throttle:ip'), hashtext($1))`, [ip]);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('login-throttle:email'), hashtext($1))`, [`${email} ${ip ?? ''}`]);
      const recent = (await one<{ by_email: number; by_ip: number }>(
        m,
        `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email, count(*)::int AS by_ip
         FROM login_failures WHERE ip IS NOT DISTINCT FROM $2 AND failed_at > now() - make_interval(mins => $3)`,
        [email, ip, LOGIN_THROTTLE.windowMinutes],
      ))!;
      if (recent.by_email >= LOGIN_THROTTLE.perEmail || recent.by_ip >= LOGIN_THROTTLE.perIp) {
        throw new ApiError(429, 'too_many_requests', `too many failed attempts; try again in ${LOGIN_THROTTLE.windowMinutes} minutes`);
      }
      return (await one<{ id: string }>(m, `INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`, [email, ip]))!.id;
    });
  }

  async succeeded(attemptId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [attemptId]);
  }
}
