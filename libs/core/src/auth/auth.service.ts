import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { hashPassword } from '../staff/staff.service.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { Actor } from './access.decorators.js';
import { LoginThrottle } from './login-throttle.js';
import { SecondFactorService, type SecondFactorProof } from './second-factor.service.js';
import { SessionRepository } from './session.repository.js';

export { LOGIN_THROTTLE } from './login-throttle.js';

/** The account a sign-in proved, and whether a second factor was part of the proof. */
export type SignedIn = Actor & { secondFactorConfirmed?: boolean };

@Injectable()
export class AuthService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottle,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /** What an unknown email's password is checked against, so that it costs as long as a known one's. */
  private readonly unknownUserHash = hashPassword(randomBytes(32).toString('base64'));

  /**
   * Checks a password, then the second factor of an enrolled account, throttled by recent
   * failures of this email from this address and of this address (see LoginThrottle). An
   * enrolled account without a code is told `second_factor_required` (the console asks for it).
   */
  async validate(emailInput: string, password: string, ip: string | null, proof: SecondFactorProof = {}): Promise<SignedIn> {
    const email = emailInput.trim().toLowerCase();
    const attemptId = await this.throttle.attempt(email, ip);
    const user = await this.staff.findLogin(email);
    const ok = await verify(user ? user.passwordHash : await this.unknownUserHash, password);
    if (!user || !ok || user.disabled) {
      throw new ApiError(401, 'unauthorized', user?.disabled && ok ? 'this account is disabled' : 'wrong email or password');
    }
    const actor: SignedIn = { id: user.id, email: user.email, name: user.name, roles: user.roles };
    if (user.enrolled) {
      if (!proof.code && !proof.recoveryCode) {
        await this.throttle.succeeded(attemptId);
        throw new ApiError(401, 'second_factor_required', 'enter the code from your authenticator app (or a recovery code)');
      }
      await this.secondFactor.verify(user.id, proof);
      actor.secondFactorConfirmed = true;
    }
    await this.throttle.succeeded(attemptId);
    return actor;
  }

  /** Opens a session and signs a token naming it; the token expires with the session's absolute lifetime. */
  async issueToken(signedIn: SignedIn): Promise<{ accessToken: string; expiresAt: Date; user: Actor }> {
    const { secondFactorConfirmed, ...actor } = signedIn;
    const session = await this.sessions.open(actor.id, this.config.jwtTtlSeconds, secondFactorConfirmed === true);
    const accessToken = this.jwt.sign({ sub: actor.id, sid: session.id }, { expiresIn: this.config.jwtTtlSeconds, algorithm: 'HS256' });
    return { accessToken, expiresAt: session.expiresAt, user: actor };
  }

  logout(actor: Actor): Promise<void> {
    return actor.sessionId ? this.sessions.revoke(actor.sessionId) : Promise.resolve();
  }
}
