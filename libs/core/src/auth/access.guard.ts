import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { ApiError } from '../http/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ACCESS_KEY, type Access, type Actor } from './access.decorators.js';
import { needsSecondFactor } from './second-factor-policy.js';
import { ENROLMENT_KEY, STEP_UP_KEY } from './step-up.decorator.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The global guard: every route is closed unless it declares its access. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!access) throw new ApiError(403, 'forbidden', 'this route declares no access');
    if (access.kind === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (access.kind === 'intake') {
      const key = req.header('x-api-key');
      if (!key || !timingSafeEqual(digest(key), digest(this.config.intakeApiKey))) {
        throw new ApiError(401, 'unauthorized', 'a valid X-Api-Key is required (staff tokens are not accepted here)');
      }
      return true;
    }
    if (req.header('x-api-key')) throw new ApiError(401, 'unauthorized', 'the intake key is accepted on intake routes only');
    await super.canActivate(context);
    const actor = req.user as Actor;
    if (!(access.roles === 'any' || actor.roles.includes('admin') || access.roles.some((r) => actor.roles.includes(r)))) {
      throw new ApiError(403, 'forbidden', `requires one of the roles: ${access.roles.join(', ')}`);
    }
    const targets = [context.getHandler(), context.getClass()];
    if (!actor.enrolled && needsSecondFactor(actor.roles) && !this.reflector.getAllAndOverride<boolean>(ENROLMENT_KEY, targets)) {
      throw new ApiError(
        403,
        'second_factor_enrolment_required',
        'your roles require a second factor: enrol one on your profile page first',
      );
    }
    if (this.reflector.getAllAndOverride<boolean>(STEP_UP_KEY, targets) && !actor.steppedUp) {
      throw new ApiError(403, 'step_up_required', 'confirm with a code from your authenticator app (POST /api/auth/step-up), then retry');
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new ApiError(401, 'unauthorized', 'a valid bearer token of an active staff account is required');
    return user;
  }
}
