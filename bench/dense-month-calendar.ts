// The dense benchmark month's options and shape, time, countries and member flags (dense-month.ts).
import { REFERRAL_CUTOFF } from '../libs/referral-legacy/src/referral-rules.js';

export const HOUR = 3600;
export const DAY = 86_400;
export const YEAR = 365 * DAY;
/** The referral program's end (referral-rules.ts), in seconds since the epoch. */
export const REFERRAL_CUTOFF_S = Date.parse(REFERRAL_CUTOFF) / 1000;
export const monthStart = (index: number) => Date.UTC(Math.floor(index / 12), index % 12, 1) / 1000;
export const COUNTRIES = ['US', 'IN', 'GB', 'CA', 'DE', 'FR', 'BR', 'AU', 'NG', 'ES', 'JP', 'MX'];

// Member flags
export const WRITER = 1;
export const ENROLLED = 2;
export const PAYING = 4;
export const EXCLUDED = 8;
export const ANNUAL = 16;

export interface DenseMonthOptions {
  sessions: number;
  /** `YYYY-MM` */
  period: string;
  seed?: number;
  onProgress?: (kind: string, rows: number) => void;
}

/** The entity counts of a dense month of `sessions` sessions. */
export function denseShape(sessions: number) {
  if (!Number.isSafeInteger(sessions) || sessions < 1000) throw new Error(`--sessions must be an integer >= 1000 (got ${sessions})`);
  const stories = Math.round(sessions / 100);
  return { sessions, members: Math.round(sessions / 20), stories, publications: Math.max(3, Math.round(stories / 100)) };
}
