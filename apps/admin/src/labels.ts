/*
 * The one place for what the API's field names are called on screen: forms, error messages
 * and the audit log's diff use these labels. The earnings parameters' and integrity thresholds'
 * labels come from the server's own lists (earnings-parameter-fields.ts, integrity-parameter-fields.ts).
 */
import { parameterField, parameterLabel } from '../../../libs/payouts/src/earnings-parameter-fields.js';
import { integrityParameterField } from '../../../libs/integrity/src/integrity-parameter-fields.js';

export const FIELD_LABELS: Record<string, string> = {
  memberId: 'Member id',
  authorId: 'Author (member id)',
  writerId: 'Writer (member id)',
  storyId: 'Story',
  statementId: 'Statement',
  assigneeId: 'Assignee',
  country: 'Country',
  code: 'Code',
  birthDate: 'Birth date',
  dateAdded: 'Date added',
  payable: 'Payable',
  period: 'Period',
  amountMicros: 'Amount',
  reason: 'Reason',
  note: 'Note',
  resolution: 'Resolution',
  subject: 'Subject',
  body: 'Message',
  title: 'Title',
  category: 'Category',
  status: 'Status',
  state: 'Payout state',
  email: 'Email',
  name: 'Name',
  password: 'Password',
  roles: 'Roles',
  disabled: 'Disabled',
  referralCutoff: 'Referral cutoff',
  failingChecks: 'Failing checks',
  checks: 'Checks',
  enrollmentId: 'Enrollment',
  decidedAt: 'Decided at',
  decidedBy: 'Decided by',
  rejectReason: 'Reject reason',
  declineReason: 'Decline reason',
  createdAt: 'Created at',
  updatedAt: 'Updated at',
  resolvedAt: 'Resolved at',
  approvedAt: 'Approved at',
  approvedBy: 'Approved by',
  paidAt: 'Paid at',
  'filter.q': 'Search',
};

const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());

/** "Birth date" for birthDate, "Writer share" for writerShareBps; a readable form of any other name. */
export function fieldLabel(field: string): string {
  const last = field.replace(/^params\./, '');
  if (parameterField(last) || last === 'referralCutoff') return parameterLabel(last);
  const threshold = integrityParameterField(last);
  if (threshold) return threshold.label;
  return FIELD_LABELS[field] ?? FIELD_LABELS[last] ?? humanize(last);
}
