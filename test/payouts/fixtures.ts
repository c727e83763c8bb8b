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

/**
 * Three writers, each with one loyal reader whose whole contribution (50% of a monthly net)
 * goes to them: the published threshold cases of spec/earnings.md step 9.
 */
export function thresholdBundle(): Bundle {
  const b = emptyBundle();
  const cases: Record<string, number[]> = { twelve: [2400, 0, 0], fivethreethree: [1000, 600, 600], fivezeronine: [1000, 0, 1800] };
  for (const [name, nets] of Object.entries(cases)) {
    const author = `a-${name}`;
    const reader = `r-${name}`;
    for (const id of [author, reader]) b.members.push(memberRecord(id, { joinedAt: '2025-01-01T00:00:00Z' }));
    b.enrollments.push(enrollmentRecord(`en-${name}`, author));
    b.payoutAccounts.push(payoutAccountRecord(author, { accountRef: `acct_${name}` }));
    b.memberships.push(membershipRecord(`ms-${name}`, reader, { startedAt: '2025-12-01T00:00:00Z' }));
    b.stories.push(storyRecord(`s-${name}`, author, { title: name, publishedAt: '2025-12-01T00:00:00Z' }));
    nets.forEach((net, i) => {
      b.charges.push(chargeRecord(`ch-${name}-${i}`, reader, MONTHS[i]!, net));
      if (net > 0) b.sessions.push(sessionRecord(`ss-${name}-${i}`, `s-${name}`, reader, `${MONTHS[i]}-10T12:00:00Z`, 300));
    });
  }
  return b;
}
