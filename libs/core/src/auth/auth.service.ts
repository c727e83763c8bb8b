import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { Actor } from './access.decorators.js';

/** Failed logins allowed per email (and, more loosely, per address) in the window. */
export const LOGIN_THROTTLE = { windowMinutes: 15, perEmail: 5, perIp: 30 };

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks a password; throttled by recent failures before the hash is even computed. */
  async validate(emailInput: string, password: string, ip: string | null): Promise<Actor> {
    const email = emailInput.trim().toLowerCase();
    const [recent] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email, count(*) FILTER (WHERE ip = $2)::int AS by_ip
       FROM login_failures WHERE failed_at > now() - make_interval(mins => $3)`,
      [email, ip, LOGIN_THROTTLE.windowMinutes],
    );
    if (recent.by_email >= LOGIN_THROTTLE.perEmail || recent.by_ip >= LOGIN_THROTTLE.perIp) {
      throw new ApiError(429, 'too_many_requests', `too many failed logins; try again in ${LOGIN_THROTTLE.windowMinutes} minutes`);
    }
    const [user] = await this.dataSource.query(
      `SELECT id, email, name, roles, disabled, password_hash FROM staff_users WHERE email = $1`,
      [email],
    );
    const ok = user ? await verify(user.password_hash, password) : false;
    if (!ok || user.disabled) {
      await this.dataSource.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email, ip]);
      throw new ApiError(401, 'unauthorized', user?.disabled && ok ? 'this account is disabled' : 'wrong email or password');
    }
    return { id: user.id, email: user.email, name: user.name, roles: user.roles };
  }

  issueToken(actor: Actor): { accessToken: string; user: Actor } {
    return { accessToken: this.jwt.sign({ sub: actor.id }, { expiresIn: this.config.jwtTtlSeconds }), user: actor };
  }
}
