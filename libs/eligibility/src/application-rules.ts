// Dependency-free, so the console bundles the same lists (apps/admin imports it through @libs).
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const REJECT_REASONS = ['not_member', 'no_recent_story', 'unsupported_country', 'under_18', 'policy', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The four eligibility checks, in the order they are stored and reported. */
export const CHECK_NAMES = ['member', 'recentStory', 'country', 'age'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
/** The reject reason code that goes with each failing check. */
export const CHECK_REJECT_REASON: Record<CheckName, RejectReason> = {
  member: 'not_member',
  recentStory: 'no_recent_story',
  country: 'unsupported_country',
  age: 'under_18',
};
