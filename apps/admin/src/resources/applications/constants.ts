import type { Claim } from '../../review-queue/api';

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

export interface Check {
  pass: boolean;
  detail?: string;
  reason?: string | null;
  evidence?: Record<string, unknown> | null;
}

export interface Application extends Claim {
  id: string;
  memberId: string | null;
  memberUsername: string | null;
  memberName: string | null;
  submittedAt: string;
  country: string;
  birthDate: string | null;
  status: string;
  eligible: boolean | null;
  failingChecks: string[] | null;
  checks: (Record<string, Check> & { asOf?: string; today?: string }) | null;
  checkedAt: string | null;
  decidedByEmail: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  note: string | null;
  enrollmentId: string | null;
}
