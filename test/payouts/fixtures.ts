import { emptyBundle, type Bundle } from '../oracle/bundle.js';
import {
  chargeRecord,
  enrollmentRecord,
  memberRecord,
  membershipRecord,
  payoutAccountRecord,
  sessionRecord,
  storyRecord,
} from '../support/factory.js';

export const MONTHS = ['2026-01', '2026-02', '2026-03'];

/** The published threshold cases of spec/earnings.md step 9: the reader's monthly nets (cents), January to March. */
export const THRESHOLD_CASES: Record<string, number[]> = {
  twelve: [2400, 0, 0],
  fivethreethree: [1000, 600, 600],
  fivezeronine: [1000, 0, 1800],
};

/**
 * One writer `a-<case>` per case, each with one loyal reader whose whole contribution (50% of
 * a monthly net) goes to them; every writer has a verified payout account unless listed in
 * `withoutAccount`.
 */
export function thresholdBundle(cases = THRESHOLD_CASES, withoutAccount: string[] = []): Bundle {
  const b = emptyBundle();
  for (const [name, nets] of Object.entries(cases)) {
    const author = `a-${name}`;
    const reader = `r-${name}`;
    for (const id of [author, reader]) b.members.push(memberRecord(id, { joinedAt: '2025-01-01T00:00:00Z' }));
    b.enrollments.push(enrollmentRecord(`en-${name}`, author));
    if (!withoutAccount.includes(name)) b.payoutAccounts.push(payoutAccountRecord(author, { accountRef: `acct_${name}` }));
    b.memberships.push(membershipRecord(`ms-${name}`, reader, { startedAt: '2025-12-01T00:00:00Z' }));
    b.stories.push(storyRecord(`s-${name}`, author, { title: name, publishedAt: '2025-12-01T00:00:00Z' }));
    nets.forEach((net, i) => {
      b.charges.push(chargeRecord(`ch-${name}-${i}`, reader, MONTHS[i]!, net));
      if (net > 0) b.sessions.push(sessionRecord(`ss-${name}-${i}`, `s-${name}`, reader, `${MONTHS[i]}-10T12:00:00Z`, 300));
    });
  }
  return b;
}
