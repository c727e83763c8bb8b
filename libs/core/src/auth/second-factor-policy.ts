import type { Role } from '../staff/staff-user.entity.js';

/** Roles that must have a second factor: without one they can sign in only to enrol. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['finance', 'admin', 'integrity'];
export const RECOVERY_CODE_COUNT = 10;
/** TOTP as every authenticator app reads it (RFC 6238 defaults); ±1 step of clock drift accepted. */
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30, window: 1, issuer: 'Partner Program console' } as const;

export const needsSecondFactor = (roles: readonly Role[]) => roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
