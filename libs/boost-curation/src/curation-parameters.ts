/** The curation section of the versioned parameter set (boost-curation reads it when it boosts). No imports. */
export interface CurationParameters {
  /** How long a new boost window lasts. */
  boostDays: number;
}

export const DEFAULT_CURATION_PARAMETERS: CurationParameters = { boostDays: 14 };

/** Inclusive integer bounds of each field. */
export const CURATION_PARAMETER_BOUNDS: Record<keyof CurationParameters, readonly [number, number]> = { boostDays: [1, 365] };
