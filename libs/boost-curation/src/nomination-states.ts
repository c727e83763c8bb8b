// Dependency-free, so the console bundles the same lists (apps/admin imports it through @libs).
export const NOMINATION_STATUSES = ['pending', 'refused', 'boosted', 'declined'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** The curation guidelines a curator declines a nomination under. */
export const DECLINE_REASONS = [
  'clickbait',
  'ai_generated',
  'sponsored',
  'non_english',
  'explicit',
  'meta',
  'rules_violation',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
