import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import type { Request } from 'express';
import { isUUID } from 'class-validator';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { AuthService } from './auth.service.js';
import { SessionRepository } from './session.repository.js';
import type { Actor } from './access.decorators.js';

/** Email + password → the staff account (throttled, argon2id). */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<Actor> {
    const { code, recoveryCode } = (req.body ?? {}) as { code?: string; recoveryCode?: string };
    return this.auth.validate(email, password, req.ip ?? null, { code, recoveryCode });
  }
}

/** Bearer token → its live session and the account as it is now (see SessionRepository.live: revocation is immediate). */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      ignoreExpiration: false,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: { sub?: unknown; sid?: unknown }): Promise<Actor | false> {
    // Tokens from before sessions existed carry no `sid`: they are refused.
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !isUUID(payload.sid) || !isUUID(payload.sub)) return false;
    return (await this.sessions.live(payload.sid, payload.sub, this.config.sessionIdleSeconds, this.config.stepUpSeconds)) ?? false;
  }
}
