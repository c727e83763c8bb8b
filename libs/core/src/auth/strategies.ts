import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { StaffService } from '../staff/staff.service.js';
import { AuthService } from './auth.service.js';
import type { Actor } from './access.decorators.js';

/** Email + password → the staff account (throttled, argon2id). */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<Actor> {
    return this.auth.validate(email, password, req.ip ?? null);
  }
}

/** Bearer token → the account as it is now: a disabled account or a changed role takes effect at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly staff: StaffService) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.jwtSecret, ignoreExpiration: false });
  }

  async validate(payload: { sub: string }): Promise<Actor | false> {
    return (await this.staff.findActive(payload.sub)) ?? false;
  }
}
