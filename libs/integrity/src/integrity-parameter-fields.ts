/*
 * The detector's thresholds as data and as people read them: names, bounds, defaults, labels,
 * units and formatting. The one place for them: the API's DTO takes the bounds from here
 * (integrity-parameters.ts), the console its labels, bounds and formatting (`@libs`). Only
 * dependency-free imports, so the console bundles this file as it is.
 */
import { formatBpsPercent, formatCount, formatDuration } from '../../core/src/format/numbers.js';
import { formatCents } from '../../core/src/money/money.js';

/**
 * The detector's thresholds (docs/integrity-signals.md), versioned like the earnings
 * parameters: every change is a new version, audited; each case records the version its
 * flags were computed with. Shares are basis points (10000 = 100 %).
 */
export interface IntegrityParameters {
  /** Ring: qualified reads a writer gives another, each way, at least. */
  ringMinReads: number;
  /** Ring: observed reads over the reads the audiences predict, each way, at least (×). */
  ringMinLift: number;
  /** Ring: writers in a ring, at least. */
  ringMinSize: number;
  /** Ring: reciprocal pairs over possible pairs, at least. */
  ringMinDensityBps: number;
  /** Farm: members in the farm, at least. */
  farmMinMembers: number;
  /** Farm: share of a member's qualified reads that go to the author, at least. */
  farmFocusBps: number;
  /** Farm: a session is "just above the threshold" when its active seconds are below threshold + this. */
  farmNearSeconds: number;
  /** Farm: share of a member's sessions on the author that are just above the threshold, at least. */
  farmNearBps: number;
  /** Farm: memberships begun within this many hours of each other form a burst. */
  farmBurstHours: number;
  /** Farm: share of the author's qualified reads that come from the farm, at least. */
  farmShareBps: number;
  /** Concentration: a member's qualified sessions on the author, at least. */
  concentrationMinSessions: number;
  /** Concentration: the member's share of the author's period time points, at least. */
  concentrationShareBps: number;
  /** Approving a run warns about its period's open cases with money at stake from this many cents (or not computed yet). */
  approvalWarningCents: number;
}

export const INTEGRITY_PARAMETER_BOUNDS: Record<keyof IntegrityParameters, readonly [number, number]> = {
  ringMinReads: [1, 10000],
  ringMinLift: [1, 100000],
  ringMinSize: [2, 100],
  ringMinDensityBps: [1, 10000],
  farmMinMembers: [2, 100000],
  farmFocusBps: [1, 10000],
  farmNearSeconds: [1, 3600],
  farmNearBps: [1, 10000],
  farmBurstHours: [1, 24 * 31],
  farmShareBps: [1, 10000],
  concentrationMinSessions: [2, 1000000],
  concentrationShareBps: [1, 10000],
  approvalWarningCents: [0, 100_000_000],
};

export const DEFAULT_INTEGRITY_PARAMETERS: IntegrityParameters = {
  ringMinReads: 4,
  ringMinLift: 20,
  ringMinSize: 3,
  ringMinDensityBps: 5000,
  farmMinMembers: 8,
  farmFocusBps: 8000,
  farmNearSeconds: 15,
  farmNearBps: 7000,
  farmBurstHours: 48,
  farmShareBps: 5000,
  concentrationMinSessions: 40,
  concentrationShareBps: 3000,
  approvalWarningCents: 1000,
};

export const INTEGRITY_PARAMETER_FIELDS = Object.keys(INTEGRITY_PARAMETER_BOUNDS) as (keyof IntegrityParameters)[];

/** The fields of `set` outside their bounds (what the store refuses to write). */
export function integrityParameterProblems(set: Record<string, unknown>): { field: string; message: string }[] {
  return INTEGRITY_PARAMETER_FIELDS.flatMap((field) => {
    const [min, max] = INTEGRITY_PARAMETER_BOUNDS[field];
    const v = set[field];
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
      ? []
      : [{ field, message: `must be an integer from ${min} to ${max}` }];
  });
}

/** How a threshold is stored and shown. */
export type IntegrityParameterUnit = 'count' | 'times' | 'percent_bps' | 'seconds' | 'hours' | 'cents';

export interface IntegrityParameterField {
  name: keyof IntegrityParameters;
  label: string;
  unit: IntegrityParameterUnit;
  /** Inclusive integer bounds of the stored value. */
  bounds: readonly [number, number];
  /** What the value does, in a few words. */
  help: string;
}

const field = (name: keyof IntegrityParameters, label: string, unit: IntegrityParameterUnit, help: string): IntegrityParameterField => ({
  name,
  label,
  unit,
  bounds: INTEGRITY_PARAMETER_BOUNDS[name],
  help,
});

/** Every threshold, in the order the console shows them (docs/integrity-signals.md). */
export const INTEGRITY_PARAMETER_LIST: readonly IntegrityParameterField[] = [
  field('ringMinReads', 'Ring: reads each way', 'count', 'qualified reads a writer gives another, each way, at least'),
  field('ringMinLift', 'Ring: lift', 'times', 'observed reads over the reads the audiences predict, each way, at least'),
  field('ringMinSize', 'Ring: writers', 'count', 'writers in a ring, at least'),
  field('ringMinDensityBps', 'Ring: density', 'percent_bps', 'reciprocal pairs over possible pairs, at least'),
  field('farmMinMembers', 'Farm: members', 'count', 'members in a farm, at least'),
  field('farmFocusBps', 'Farm: focus', 'percent_bps', "share of a member's qualified reads that go to the author, at least"),
  field('farmNearSeconds', 'Farm: just above the threshold', 'seconds', 'a session within this much above the qualified-read threshold'),
  field(
    'farmNearBps',
    'Farm: share just above',
    'percent_bps',
    "share of a member's sessions on the author just above the threshold, at least",
  ),
  field('farmBurstHours', 'Farm: membership burst', 'hours', 'memberships begun within this many hours of each other form a burst'),
  field(
    'farmShareBps',
    "Farm: share of the author's reads",
    'percent_bps',
    "share of the author's qualified reads from the farm, at least",
  ),
  field('concentrationMinSessions', 'Concentration: sessions', 'count', "a member's qualified sessions on the author, at least"),
  field('concentrationShareBps', 'Concentration: share', 'percent_bps', "the member's share of the author's period time points, at least"),
  field(
    'approvalWarningCents',
    'Approval warning from',
    'cents',
    'approving a run warns about open cases with this much money at stake or more (or not computed yet)',
  ),
];

const BY_NAME = new Map<string, IntegrityParameterField>(INTEGRITY_PARAMETER_LIST.map((f) => [f.name, f]));
export const integrityParameterField = (name: string): IntegrityParameterField | undefined => BY_NAME.get(name);

/** What one stored unit is, for the form. */
export const INTEGRITY_UNIT_HINTS: Record<IntegrityParameterUnit, string> = {
  count: 'a whole number',
  times: 'times (a whole number)',
  percent_bps: 'basis points: 10,000 = 100%',
  seconds: 'seconds',
  hours: 'hours',
  cents: 'cents: 1,000 = $10.00',
};

/** A stored value as people read it: "50.00%", "×20", "15 s", "48 hours", "$10.00". */
export function formatIntegrityParameter(name: string, value: unknown): string {
  const f = BY_NAME.get(name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || !f) return value === undefined || value === null ? '—' : String(value);
  switch (f.unit) {
    case 'count':
      return formatCount(value);
    case 'times':
      return `×${formatCount(value)}`;
    case 'percent_bps':
      return formatBpsPercent(value);
    case 'seconds':
      return formatDuration(value);
    case 'hours':
      return `${formatCount(value)} ${value === 1 ? 'hour' : 'hours'}`;
    case 'cents':
      return formatCents(BigInt(value));
  }
}
