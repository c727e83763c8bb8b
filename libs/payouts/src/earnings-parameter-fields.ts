/*
 * The earnings parameters as people read them: each field's label, unit, bounds and how its
 * value is shown ("Writer share 50.00%", "Minimum payout $10.00"). The one place for them:
 * the API's DTO takes the bounds from here (earnings-parameters.ts), the console its labels,
 * units, bounds and formatting (apps/admin/vite.config.ts, `@libs`). Only dependency-free
 * imports, so the console bundles this file as it is.
 */
import { CURATION_PARAMETER_BOUNDS } from '../../boost-curation/src/curation-parameters.js';
import { formatBpsPercent, formatCount, formatDuration } from '../../core/src/format/numbers.js';
import { divHalfEven, formatCents } from '../../core/src/money/money.js';
import { REFERRAL_PARAMETER_BOUNDS } from '../../referral-legacy/src/referral-parameters.js';

/** How a value is stored and shown. */
export type ParameterUnit = 'percent_bps' | 'multiplier_bps' | 'seconds' | 'days' | 'points' | 'cents' | 'count';

export interface ParameterField {
  name: string;
  label: string;
  unit: ParameterUnit;
  /** Inclusive integer bounds of the stored value. */
  bounds: readonly [number, number];
  /** What the value does, in a few words. */
  help: string;
}

/** The payout formula's bounds (spec/earnings.md *param* values). */
export const PAYOUT_BOUNDS = {
  writerShareBps: [0, 10000],
  qualifiedReadSeconds: [0, 86400],
  sessionCapSeconds: [1, 86400],
  readRatioOffsetBps: [0, 1_000_000],
  readRatioMinBps: [1, 1_000_000],
  readRatioMaxBps: [1, 1_000_000],
  clapPoints: [0, 100000],
  highlightPoints: [0, 100000],
  replyPoints: [0, 100000],
  newFollowPoints: [0, 100000],
  followerBps: [1, 1_000_000],
  boostBps: [1, 1_000_000],
  minPayoutCents: [0, 1_000_000],
  forfeitAfterDays: [1, 3650],
} as const satisfies Record<string, readonly [number, number]>;

/** How a run is executed (not what it computes). */
export const EXECUTION_BOUNDS = { shards: [1, 256] } as const satisfies Record<string, readonly [number, number]>;

const B = { ...PAYOUT_BOUNDS, ...EXECUTION_BOUNDS, ...REFERRAL_PARAMETER_BOUNDS, ...CURATION_PARAMETER_BOUNDS };
const field = (name: keyof typeof B, label: string, unit: ParameterUnit, help: string): ParameterField => ({
  name,
  label,
  unit,
  bounds: B[name],
  help,
});

/** Every editable parameter, in the order the console shows them. */
export const PARAMETER_FIELDS: readonly ParameterField[] = [
  field('writerShareBps', 'Writer share', 'percent_bps', "the part of each member's fee that goes to the writers they read"),
  field('qualifiedReadSeconds', 'Qualified read', 'seconds', 'active reading time a session needs to count'),
  field('sessionCapSeconds', 'Session cap', 'seconds', 'reading time counted per session at most'),
  field('readRatioOffsetBps', 'Read-ratio offset', 'multiplier_bps', "added to a story's read ratio before the bounds"),
  field('readRatioMinBps', 'Read-ratio multiplier, lowest', 'multiplier_bps', 'the read-ratio multiplier never goes below this'),
  field('readRatioMaxBps', 'Read-ratio multiplier, highest', 'multiplier_bps', 'the read-ratio multiplier never goes above this'),
  field('clapPoints', 'Points per clap', 'points', 'engagement points a clap earns'),
  field('highlightPoints', 'Points per highlight', 'points', 'engagement points a highlight earns'),
  field('replyPoints', 'Points per reply', 'points', 'engagement points a reply earns'),
  field('newFollowPoints', 'Points per new follow', 'points', 'engagement points a new follower earns'),
  field('followerBps', 'Follower bonus', 'multiplier_bps', 'multiplier when the reader follows the author'),
  field('boostBps', 'Boost bonus', 'multiplier_bps', 'multiplier while a story is boosted'),
  field('referralShareBps', 'Referral share', 'percent_bps', "the legacy referrer's part of a referred member's fee"),
  field('minPayoutCents', 'Minimum payout', 'cents', 'a smaller balance is carried to the next month'),
  field('forfeitAfterDays', 'Forfeit after', 'days', 'days after leaving the program before a balance is forfeited'),
  field('boostDays', 'Boost window', 'days', 'how long a new boost lasts'),
  field('shards', 'Run shards', 'count', 'slices a payout run is computed in (results do not depend on it)'),
];

/** Labels of the other fields of a parameter set as the API shows it. */
export const REFERRAL_CUTOFF_LABEL = 'Referral cutoff';

const BY_NAME = new Map(PARAMETER_FIELDS.map((f) => [f.name, f]));
export const parameterField = (name: string): ParameterField | undefined => BY_NAME.get(name);

/** "Writer share" for writerShareBps; the name itself for a field this file does not know. */
export const parameterLabel = (name: string): string =>
  name === 'referralCutoff' ? REFERRAL_CUTOFF_LABEL : (BY_NAME.get(name)?.label ?? name);

/** What one stored unit is, for the edit form ("basis points: 10,000 = 100%"). */
export const UNIT_HINTS: Record<ParameterUnit, string> = {
  percent_bps: 'basis points: 10,000 = 100%',
  multiplier_bps: 'basis points: 10,000 = ×1.00',
  seconds: 'seconds',
  days: 'days',
  points: 'points',
  cents: 'cents: 1,000 = $10.00',
  count: 'a whole number',
};

/** ×1.25 from 12500 basis points (hundredths, half to even). */
function formatMultiplier(bps: number): string {
  const hundredths = divHalfEven(BigInt(bps), 100n);
  return `×${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** A stored value as people read it: "50.00%", "×1.25", "30 min", "$10.00", "180 days", "60 points". */
export function formatParameter(name: string, value: unknown): string {
  const f = BY_NAME.get(name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || !f) return value === undefined || value === null ? '—' : String(value);
  switch (f.unit) {
    case 'percent_bps':
      return formatBpsPercent(value);
    case 'multiplier_bps':
      return formatMultiplier(value);
    case 'seconds':
      return formatDuration(value);
    case 'days':
      return `${formatCount(value)} ${value === 1 ? 'day' : 'days'}`;
    case 'points':
      return `${formatCount(value)} ${value === 1 ? 'point' : 'points'}`;
    case 'cents':
      return formatCents(BigInt(value));
    case 'count':
      return formatCount(value);
  }
}
