export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const REJECT_REASONS = ['not_member', 'no_recent_story', 'unsupported_country', 'under_18', 'policy', 'other'] as const;
export const CHECK_NAMES = ['member', 'recentStory', 'country', 'age'] as const;
export const CHECK_LABELS: Record<string, string> = {
  member: 'Member',
  recentStory: 'Recent story',
  country: 'Country',
  age: '18 or older',
};
export const CHECK_REJECT_REASON: Record<string, string> = {
  member: 'not_member',
  recentStory: 'no_recent_story',
  country: 'unsupported_country',
  age: 'under_18',
};
