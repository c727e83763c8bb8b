export { DECLINE_REASONS, NOMINATION_STATUSES, REFUSAL_REASONS } from '@libs/boost-curation/src/nomination-states';

/** A decline under "other" needs a note saying what the reason is. */
export const declineNeedsNote = (reason: string) => reason === 'other';
