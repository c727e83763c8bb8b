import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../core/src/http/validation.js';

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

const int =
  (field: keyof IntegrityParameters): PropertyDecorator =>
  (target, key) => {
    const [min, max] = INTEGRITY_PARAMETER_BOUNDS[field];
    for (const d of [ApiPropertyOptional({ minimum: min, maximum: max }), OptionalNotNull(), IsInt(), Min(min), Max(max)]) d(target, key);
  };

/** A change of thresholds for future detections (admin); omitted fields keep their value. */
export class UpdateIntegrityParametersDto implements Partial<IntegrityParameters> {
  @int('ringMinReads') ringMinReads?: number;
  @int('ringMinLift') ringMinLift?: number;
  @int('ringMinSize') ringMinSize?: number;
  @int('ringMinDensityBps') ringMinDensityBps?: number;
  @int('farmMinMembers') farmMinMembers?: number;
  @int('farmFocusBps') farmFocusBps?: number;
  @int('farmNearSeconds') farmNearSeconds?: number;
  @int('farmNearBps') farmNearBps?: number;
  @int('farmBurstHours') farmBurstHours?: number;
  @int('farmShareBps') farmShareBps?: number;
  @int('concentrationMinSessions') concentrationMinSessions?: number;
  @int('concentrationShareBps') concentrationShareBps?: number;
  @int('approvalWarningCents') approvalWarningCents?: number;
}
