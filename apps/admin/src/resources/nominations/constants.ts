import type { Claim } from '../../review-queue/api';

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

export interface Nomination extends Claim {
  id: string;
  status: string;
  nominatedAt: string;
  evaluatedAt: string | null;
  refusalReason: string | null;
  declineReason: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedByEmail: string | null;
  decidedAt: string | null;
  boostId: string | null;
  storyId: string;
  storyTitle: string;
  storyStatus: string;
  storyPublishedAt: string | null;
  storyAgeDays: number | null;
  authorId: string;
  authorName: string;
  authorIsPartner: boolean;
  nominatorId: string;
  nominatorName: string;
  publicationId: string;
  publicationName: string;
  views?: number;
  reads?: number;
  readRatioBps?: number;
}
