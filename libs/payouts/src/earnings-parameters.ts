import { ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../core/src/http/validation.js';
import {
  CURATION_PARAMETER_BOUNDS,
  DEFAULT_CURATION_PARAMETERS,
  type CurationParameters,
} from '../../boost-curation/src/curation-parameters.js';
import {
  DEFAULT_REFERRAL_PARAMETERS,
  REFERRAL_PARAMETER_BOUNDS,
  type ReferralParameters,
} from '../../referral-legacy/src/referral-parameters.js';
import { REFERRAL_CUTOFF } from '../../referral-legacy/src/referral-rules.js';
import { EXECUTION_BOUNDS as EXECUTION_FIELD_BOUNDS, PAYOUT_BOUNDS as PAYOUT_FIELD_BOUNDS } from './earnings-parameter-fields.js';

/*
 * The versioned parameter set, split by owner: each section is read by one domain only.
 * - payout: the *param* values of spec/earnings.md the payout run computes with (payouts);
 * - execution: how the run is executed, not what it computes (payouts' run);
 * - referral: step 8's share (referral-legacy, see referral-parameters.ts);
 * - curation: the boost window (boost-curation, see curation-parameters.ts).
 * Field names are unique across sections: the API shows and takes the set as one flat object.
 */

export interface PayoutFormulaParameters {
  writerShareBps: number;
  qualifiedReadSeconds: number;
  sessionCapSeconds: number;
  readRatioOffsetBps: number;
  readRatioMinBps: number;
  readRatioMaxBps: number;
  clapPoints: number;
  highlightPoints: number;
  replyPoints: number;
  newFollowPoints: number;
  followerBps: number;
  boostBps: number;
  minPayoutCents: number;
  forfeitAfterDays: number;
}

export interface RunExecutionParameters {
  /** How many member shards a run is split into (results do not depend on it). */
  shards: number;
}

/** What a payout run computes with and stores (`payout_runs.params`): its formula and execution sections. */
export type EarningsParameters = PayoutFormulaParameters & RunExecutionParameters;

export interface ParameterSections {
  payout: PayoutFormulaParameters;
  execution: RunExecutionParameters;
  referral: ReferralParameters;
  curation: CurationParameters;
}
export type SectionName = keyof ParameterSections;

// The bounds live with the labels and units (earnings-parameter-fields.ts, shared with the console).
const PAYOUT_BOUNDS: Record<keyof PayoutFormulaParameters, readonly [number, number]> = PAYOUT_FIELD_BOUNDS;
const EXECUTION_BOUNDS: Record<keyof RunExecutionParameters, readonly [number, number]> = EXECUTION_FIELD_BOUNDS;

/** Each section's fields with their inclusive integer bounds. */
export const PARAMETER_BOUNDS: { [S in SectionName]: Record<keyof ParameterSections[S], readonly [number, number]> } = {
  payout: PAYOUT_BOUNDS,
  execution: EXECUTION_BOUNDS,
  referral: REFERRAL_PARAMETER_BOUNDS,
  curation: CURATION_PARAMETER_BOUNDS,
};

export const DEFAULT_PARAMETER_SECTIONS: ParameterSections = {
  payout: {
    writerShareBps: 5000,
    qualifiedReadSeconds: 30,
    sessionCapSeconds: 1800,
    readRatioOffsetBps: 6000,
    readRatioMinBps: 5000,
    readRatioMaxBps: 15000,
    clapPoints: 60,
    highlightPoints: 60,
    replyPoints: 120,
    newFollowPoints: 180,
    followerBps: 12500,
    boostBps: 20000,
    minPayoutCents: 1000,
    forfeitAfterDays: 180,
  },
  execution: { shards: 8 },
  referral: DEFAULT_REFERRAL_PARAMETERS,
  curation: DEFAULT_CURATION_PARAMETERS,
};

export const SECTION_NAMES = Object.keys(PARAMETER_BOUNDS) as SectionName[];

/** The defaults a run computes with. */
export const DEFAULT_EARNINGS_PARAMETERS: EarningsParameters = {
  ...DEFAULT_PARAMETER_SECTIONS.payout,
  ...DEFAULT_PARAMETER_SECTIONS.execution,
};

/** The run's parameters out of a whole set. */
export const runParameters = (set: ParameterSections): EarningsParameters => ({ ...set.payout, ...set.execution });

/** The set as the API shows it: every section's fields in one object, and the fixed referral cutoff (read-only). */
export const flatView = (set: ParameterSections): Record<string, number | string> =>
  Object.assign({}, ...SECTION_NAMES.map((s) => set[s]), { referralCutoff: REFERRAL_CUTOFF });

/** The section a flat field belongs to. */
export function sectionOf(field: string): SectionName | undefined {
  return SECTION_NAMES.find((s) => Object.hasOwn(PARAMETER_BOUNDS[s], field));
}

/** Every rule of a whole set at once (what the store refuses to write): each field a bounded integer, the read-ratio bounds ordered. */
export function parameterSetProblems(set: ParameterSections): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const s of SECTION_NAMES) {
    for (const [field, [min, max]] of Object.entries(PARAMETER_BOUNDS[s]) as [string, readonly [number, number]][]) {
      const v = (set[s] as unknown as Record<string, unknown>)[field];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
        problems.push({ field, message: `must be an integer from ${min} to ${max}` });
    }
  }
  return problems;
}

/** An optional integer parameter within its bounds; null is refused (omit a field to keep it). */
const int =
  ([min, max]: readonly [number, number]): PropertyDecorator =>
  (target, key) => {
    for (const d of [ApiPropertyOptional({ minimum: min, maximum: max }), OptionalNotNull(), IsInt(), Min(min), Max(max)]) d(target, key);
  };
const P = PAYOUT_BOUNDS;

/** A change of parameters for future runs (admin); omitted fields keep their current value. */
export class UpdateEarningsParametersDto implements Partial<EarningsParameters & ReferralParameters & CurationParameters> {
  @int(P.writerShareBps) writerShareBps?: number;
  @int(P.qualifiedReadSeconds) qualifiedReadSeconds?: number;
  @int(P.sessionCapSeconds) sessionCapSeconds?: number;
  @int(P.readRatioOffsetBps) readRatioOffsetBps?: number;
  @int(P.readRatioMinBps) readRatioMinBps?: number;
  @int(P.readRatioMaxBps) readRatioMaxBps?: number;
  @int(P.clapPoints) clapPoints?: number;
  @int(P.highlightPoints) highlightPoints?: number;
  @int(P.replyPoints) replyPoints?: number;
  @int(P.newFollowPoints) newFollowPoints?: number;
  @int(P.followerBps) followerBps?: number;
  @int(P.boostBps) boostBps?: number;
  @int(REFERRAL_PARAMETER_BOUNDS.referralShareBps) referralShareBps?: number;
  @int(P.minPayoutCents) minPayoutCents?: number;
  @int(P.forfeitAfterDays) forfeitAfterDays?: number;
  @int(CURATION_PARAMETER_BOUNDS.boostDays) boostDays?: number;
  @int(EXECUTION_BOUNDS.shards) shards?: number;
  /** A fixed fact of the program (react-admin sends the whole record back): accepted only unchanged. */
  @ApiPropertyOptional({ readOnly: true, example: REFERRAL_CUTOFF })
  @OptionalNotNull()
  @Equals(REFERRAL_CUTOFF, { message: `referralCutoff is the program's fixed end (${REFERRAL_CUTOFF}) and cannot be changed` })
  referralCutoff?: string;
}
