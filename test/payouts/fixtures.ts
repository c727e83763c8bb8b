import { emptyBundle, type Bundle } from '../oracle/bundle.js';

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
    for (const id of [author, reader]) {
      b.members.push({
        id,
        username: id,
        name: id,
        email: `${id}@x.test`,
        country: 'US',
        birthDate: '1990-01-01',
        joinedAt: '2025-01-01T00:00:00Z',
      });
    }
    b.enrollments.push({ id: `en-${name}`, memberId: author, enrolledAt: '2025-06-01T00:00:00Z', leftAt: null });
    b.payoutAccounts.push({ memberId: author, provider: 'stripe', accountRef: `acct_${name}`, status: 'verified', taxStatus: 'verified' });
    b.memberships.push({
      id: `ms-${name}`,
      memberId: reader,
      plan: 'monthly',
      tier: 'member',
      startedAt: '2025-12-01T00:00:00Z',
      endedAt: null,
    });
    b.stories.push({
      id: `s-${name}`,
      authorId: author,
      publicationId: null,
      title: name,
      publishedAt: '2025-12-01T00:00:00Z',
      membersOnly: true,
      status: 'published',
    });
    nets.forEach((net, i) => {
      b.charges.push({
        id: `ch-${name}-${i}`,
        memberId: reader,
        plan: 'monthly',
        coversFrom: MONTHS[i]!,
        chargedAt: `${MONTHS[i]}-01T08:00:00Z`,
        grossCents: net + 50,
        feeCents: 50,
        netCents: net,
        status: 'paid',
      });
      if (net > 0) {
        b.sessions.push({
          id: `ss-${name}-${i}`,
          storyId: `s-${name}`,
          readerId: reader,
          startedAt: `${MONTHS[i]}-10T12:00:00Z`,
          activeSeconds: 300,
          mode: 'read',
        });
      }
    });
  }
  return b;
}
