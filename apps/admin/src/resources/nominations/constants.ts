export { DECLINE_REASONS, NOMINATION_STATUSES } from '@libs/boost-curation/src/nomination-states';
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

/** A decline under "other" needs a note saying what the reason is. */
export const declineNeedsNote = (reason: string) => reason === 'other';
