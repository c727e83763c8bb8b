import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** Length bounds of a staff password (the DTOs use them too). */
export const PASSWORD_LENGTH = { min: 10, max: 200 };
/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

// The maintained common-password and dictionary lists (zxcvbn-ts), with keyboard patterns.
const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

/**
 * Why a password is refused, or null. The account's email, its parts and its name count as
 * known words, so `finance@example.com` (or a variant) is as weak as `password12`.
 */
export async function passwordProblem(password: string, account: { email: string; name?: string }): Promise<string | null> {
  if (password.length < PASSWORD_LENGTH.min) return `must be at least ${PASSWORD_LENGTH.min} characters long`;
  if (!password.trim()) return 'must not be only spaces';
  const [local, domain] = account.email.toLowerCase().split('@');
  const result = await estimator.check(
    password,
    [account.email.toLowerCase(), local, domain, ...(account.name ? [account.name] : [])].filter(Boolean),
  );
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `is too easy to guess${hint ? `: ${hint}` : ''}`;
}
