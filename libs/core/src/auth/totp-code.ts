import { Secret, TOTP } from 'otpauth';
import { TOTP_PARAMS } from './second-factor-policy.js';

/** The code of a secret at a time (development tools: `demo:totp`, the demo seeding, the tests). */
export function currentCode(secretBase32: string, timestamp = Date.now()): string {
  const { algorithm, digits, period } = TOTP_PARAMS;
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm, digits, period, timestamp });
}

const lastStep = new Map<string, number>();

/**
 * A code for this account not used yet by this process: the current time step's, else the
 * next one's (the server accepts ±1 step and each step once), so two sign-ins within one
 * 30 s step both work. Development tools only.
 */
export function unusedCode(account: string, secretBase32: string): string {
  const period = TOTP_PARAMS.period * 1000;
  const now = Math.floor(Date.now() / period);
  const step = Math.max(now, (lastStep.get(account) ?? -1) + 1);
  if (step > now + TOTP_PARAMS.window) throw new Error(`no unused code left for ${account} in this 30 s step`);
  lastStep.set(account, step);
  return currentCode(secretBase32, step * period);
}
