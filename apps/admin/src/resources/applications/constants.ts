export {
  APPLICATION_STATUSES,
  CHECK_NAMES,
  CHECK_REJECT_REASON,
  REJECT_REASONS,
} from '../../../../../libs/eligibility/src/application-rules.js';

export const CHECK_LABELS: Record<string, string> = {
  member: 'Member',
  recentStory: 'Recent story',
  country: 'Country',
  age: '18 or older',
};
