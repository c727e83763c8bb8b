import pg from 'pg';
import type { AppConfig } from '../../../libs/core/src/config/config.js';
import { seal } from '../../../libs/core/src/auth/secret-box.js';
import { currentCode } from '../../../libs/core/src/auth/totp-code.js';
import { TOTP_PARAMS } from '../../../libs/core/src/auth/second-factor-policy.js';

/**
 * The demo's finance and admin accounts come enrolled with these TOTP secrets (base32), printed
 * in the README: DEVELOPMENT ONLY, public, never to be used for a real account.
 */
export const DEMO_TOTP_SECRETS: Record<string, string> = {
  'finance@example.com': 'FINANCEDEMOFIONAFINANCEDEMOFIONA',
  'finance2@example.com': 'FINANCEDEMOFRANKFINANCEDEMOFRANK',
  'admin@example.com': 'ADMINDEMOADMINDEMOADMINDEMOADMIN',
};

/** Enrols the demo accounts that exist and have no factor yet (sealed with this configuration's key). */
export async function enrolDemoFactors(databaseUrl: string, config: AppConfig): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const [email, secret] of Object.entries(DEMO_TOTP_SECRETS)) {
      const { rows } = await db.query(`SELECT id FROM staff_users WHERE email = $1 AND totp_secret IS NULL`, [email]);
      if (!rows[0]) continue;
      await db.query(`UPDATE staff_users SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = now() WHERE id = $1`, [
        rows[0].id,
        seal(config.secondFactorKey, secret, rows[0].id),
      ]);
    }
  } finally {
    await db.end();
  }
}

/** `npm run demo:totp -- finance@example.com`: the current code of a demo account, and how long it lasts. */
export function demoTotpCommand(args: string[]): number {
  const email = args.find((a) => !a.startsWith('-'))?.toLowerCase();
  const secret = email ? DEMO_TOTP_SECRETS[email] : undefined;
  if (!secret) {
    console.error(`usage: npm run demo:totp -- <email>, one of: ${Object.keys(DEMO_TOTP_SECRETS).join(', ')}`);
    return 2;
  }
  const left = TOTP_PARAMS.period - (Math.floor(Date.now() / 1000) % TOTP_PARAMS.period);
  console.log(`${currentCode(secret)}   (${email}; valid ${left} s more)`);
  return 0;
}
