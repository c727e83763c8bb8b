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

/** Why the rules refused a nomination at intake (checked in this order of precedence: limits, then the story). */
export const REFUSAL_REASONS = [
  'nominator_weekly_limit',
  'nominator_monthly_limit',
  'unknown_story',
  'story_not_published',
  'story_too_old',
  'wrong_publication',
  'ai_disclosed',
  'already_boosted',
  'already_nominated',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
