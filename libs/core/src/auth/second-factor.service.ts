import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ApiError, conflict, notFound, ruleViolation } from '../http/errors.js';
import type { Actor } from './access.decorators.js';
import { LoginThrottle } from './login-throttle.js';
import { RECOVERY_CODE_COUNT, TOTP_PARAMS, needsSecondFactor } from './second-factor-policy.js';
import { SecondFactorRepository } from './second-factor.repository.js';
import { open, seal } from './secret-box.js';
import { SessionRepository } from './session.repository.js';

/** A code given at sign-in, step-up or enrolment: six digits, or one recovery code. */
export interface SecondFactorProof {
  code?: string;
  recoveryCode?: string;
}

/** 401 at sign-in; 403 within a session (a wrong step-up code does not end the session). */
const wrongCode = (status: 401 | 403 = 401) => new ApiError(status, 'wrong_second_factor', 'wrong or already used code');
/** Recovery codes: 10 random base32 characters as xxxxx-xxxxx (50 bits), compared without case or dash. */
const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z2-7]/g, '');

@Injectable()
export class SecondFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly factors: SecondFactorRepository,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private totp(secretBase32: string, email: string) {
    const { algorithm, digits, period, issuer } = TOTP_PARAMS;
    return new TOTP({ issuer, label: email, algorithm, digits, period, secret: Secret.fromBase32(secretBase32) });
  }

  private recoveryHash(userId: string, code: string): string {
    return createHmac('sha256', this.config.secondFactorKey)
      .update(`${userId}:${normalizeRecovery(code)}`)
      .digest('base64url');
  }

  /** Whether the account has a factor, and whether its roles require one. */
  async status(userId: string): Promise<{ enrolled: boolean; required: boolean; recoveryCodesLeft: number }> {
    const f = await this.factors.factor(userId);
    if (!f) throw notFound('staff user', userId);
    return {
      enrolled: f.enabledAt !== null,
      required: needsSecondFactor(f.roles),
      recoveryCodesLeft: f.enabledAt ? await this.factors.remainingRecoveryCodes(userId) : 0,
    };
  }

  /** Step 1 of enrolment: a new secret to scan (shown this once, before the factor exists). */
  async begin(actor: Actor): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
    const secret = new Secret({ size: 20 }).base32;
    if (!(await this.factors.setPending(actor.id, seal(this.config.secondFactorKey, secret, actor.id)))) {
      throw conflict('a second factor is already enrolled: an admin can reset it');
    }
    const otpauthUri = this.totp(secret, actor.email).toString();
    return { secret, otpauthUri, qrSvg: await QRCode.toString(otpauthUri, { type: 'svg', margin: 1 }) };
  }

  /** Step 2: the first code proves the scan; the factor is on, and the recovery codes are shown once. */
  async confirm(actor: Actor, code: string, ip: string | null): Promise<{ recoveryCodes: string[] }> {
    const attempt = await this.throttle.attempt(actor.email, ip);
    const f = await this.factors.factor(actor.id);
    if (!f?.pending || f.secret) throw conflict('start the enrolment first');
    const secret = open(this.config.secondFactorKey, f.pending, actor.id);
    const step = this.matchingStep(secret, actor.email, code);
    if (step === null) throw wrongCode(403);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = new Secret({ size: 7 }).base32.slice(0, 10).toLowerCase();
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await this.dataSource.transaction(async (m) => {
      const enabled = await this.factors.enable(
        m,
        actor.id,
        seal(this.config.secondFactorKey, secret, actor.id),
        step,
        recoveryCodes.map((c) => this.recoveryHash(actor.id, c)),
      );
      if (!enabled) throw conflict('a second factor is already enrolled');
      await this.audit.record(m, actor, { action: 'staff.second-factor.enrol', entityType: 'staff-user', entityId: actor.id });
    });
    await this.throttle.succeeded(attempt);
    if (actor.sessionId) await this.factors.confirmSession(actor.sessionId);
    return { recoveryCodes };
  }

  /** The time step a code belongs to (±1 step of drift), or null. */
  private matchingStep(secret: string, email: string, code: string): number | null {
    const totp = this.totp(secret, email);
    const delta = totp.validate({ token: code, window: TOTP_PARAMS.window });
    return delta === null ? null : totp.counter() + delta;
  }

  /**
   * Checks a code or a recovery code of an enrolled account, each usable once: a TOTP code's
   * time step is taken (a replay, or an older code after a newer one, is refused), a recovery
   * code is marked used. Throws 401 `wrong_second_factor`. The caller throttles.
   */
  async verify(userId: string, proof: SecondFactorProof, status: 401 | 403 = 401): Promise<void> {
    const f = await this.factors.factor(userId);
    if (!f?.secret) throw wrongCode(status);
    if (proof.recoveryCode) {
      if (!(await this.factors.takeRecoveryCode(userId, this.recoveryHash(userId, proof.recoveryCode)))) throw wrongCode(status);
      return;
    }
    const step = proof.code ? this.matchingStep(open(this.config.secondFactorKey, f.secret, userId), f.email, proof.code) : null;
    if (step === null || !(await this.factors.takeStep(userId, step))) throw wrongCode(status);
  }

  /** A fresh confirmation for money actions (STEP_UP_MINUTES), throttled like a sign-in. */
  async stepUp(actor: Actor, proof: SecondFactorProof, ip: string | null): Promise<{ confirmedUntil: Date }> {
    const attempt = await this.throttle.attempt(actor.email, ip);
    await this.verify(actor.id, proof, 403);
    await this.throttle.succeeded(attempt);
    if (actor.sessionId) await this.factors.confirmSession(actor.sessionId);
    return { confirmedUntil: new Date(Date.now() + this.config.stepUpSeconds * 1000) };
  }

  /** An admin removes another account's factor (lost phone, lost codes): it must enrol again; its sessions end. */
  async reset(admin: Actor, userId: string, reason: string): Promise<{ id: string; enrolled: false }> {
    if (admin.id === userId) throw ruleViolation('no_self_reset', 'an admin cannot reset their own second factor: ask another admin');
    if (!(await this.factors.factor(userId))) throw notFound('staff user', userId);
    await this.dataSource.transaction(async (m) => {
      await this.factors.reset(m, userId);
      await this.sessions.revokeAll(m, userId);
      await this.audit.record(m, admin, { action: 'staff.second-factor.reset', entityType: 'staff-user', entityId: userId, reason });
    });
    return { id: userId, enrolled: false };
  }

  /** Development and tests only: enrols a known secret without the scan (the demo's printed secrets). */
  async enrolKnownSecret(userId: string, secretBase32: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.factors.reset(m, userId);
      await this.factors.enable(m, userId, seal(this.config.secondFactorKey, secretBase32, userId), 0, []);
    });
  }
}
