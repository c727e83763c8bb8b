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

export const SEPTEMBER = '2026-09';
export const OCTOBER = '2026-10';

/**
 * A small reading world for the earnings explanation, over September and October 2026.
 * Every reader pays the same monthly charge in both months (so the pool per member does
 * not change) and splits their reading between one story of the writer under test and one
 * story of a competitor, so that a change on the writer's story moves money between the two.
 *
 * - `w-boost`: 'Rivers of Light' boosted from Sep 1 to Oct 3; nothing else changes.
 * - `w-read`: 'Quiet Hours' read 1,200 s in September, 600 s in October; nothing else changes.
 * - `w-mix`: a boost that ended ('Lanterns'), less reading ('Salt Roads'), a new story in
 *   October ('Night Ferry'), plus an adjustment finance adds for October (in the test).
 */
export function explanationBundle(): Bundle {
  const b = emptyBundle();
  let seq = 0;
  const member = (id: string, name = id) => b.members.push(memberRecord(id, { name }));
  const writer = (id: string, name: string, account: 'verified' | 'pending' = 'verified') => {
    member(id, name);
    b.enrollments.push(enrollmentRecord(`en-${id}`, id));
    b.payoutAccounts.push(payoutAccountRecord(id, { status: account }));
  };
  const story = (id: string, authorId: string, title: string, publishedAt = '2026-03-01T00:00:00Z') =>
    b.stories.push(storyRecord(id, authorId, { title, publishedAt }));
  /** A reader paying `netCents` in September and October. */
  const reader = (id: string, netCents: number) => {
    member(id);
    b.memberships.push(membershipRecord(`ms-${id}`, id));
    for (const month of [SEPTEMBER, OCTOBER]) b.charges.push(chargeRecord(`ch-${id}-${month}`, id, month, netCents));
  };
  const read = (readerId: string, storyId: string, day: string, seconds: number) =>
    b.sessions.push(sessionRecord(`ss-${++seq}`, storyId, readerId, `${day}T12:00:00Z`, seconds));

  writer('w-comp', 'Competitor');
  for (const n of [1, 2, 3, 4, 5]) story(`s-comp${n}`, 'w-comp', `Competing ${n}`);

  // Only a boost ends.
  writer('w-boost', 'Bea Boost');
  story('s-boost', 'w-boost', 'Rivers of Light');
  b.boosts.push({ id: 'b-boost', storyId: 's-boost', startsAt: '2026-09-01T00:00:00Z', endsAt: '2026-10-03T00:00:00Z', source: 'curator' });
  reader('r-boost', 1000);
  for (const day of ['2026-09-10', '2026-10-10']) {
    read('r-boost', 's-boost', day, 600);
    read('r-boost', 's-comp1', day, 600);
  }

  // Only reading time falls.
  writer('w-read', 'Rae Read');
  story('s-read', 'w-read', 'Quiet Hours');
  reader('r-read', 1000);
  read('r-read', 's-read', '2026-09-10', 1200);
  read('r-read', 's-read', '2026-10-10', 600);
  for (const day of ['2026-09-10', '2026-10-10']) read('r-read', 's-comp2', day, 600);

  // Several causes at once.
  writer('w-mix', 'Max Mix', 'pending');
  story('s-mix-boost', 'w-mix', 'Lanterns');
  story('s-mix-read', 'w-mix', 'Salt Roads');
  story('s-mix-new', 'w-mix', 'Night Ferry', '2026-10-05T09:30:00Z');
  b.boosts.push({
    id: 'b-mix',
    storyId: 's-mix-boost',
    startsAt: '2026-08-25T00:00:00Z',
    endsAt: '2026-10-03T00:00:00Z',
    source: 'nomination',
  });
  reader('r-m1', 1000);
  reader('r-m2', 600);
  reader('r-m3', 400);
  for (const day of ['2026-09-10', '2026-10-10']) {
    read('r-m1', 's-mix-boost', day, 600);
    read('r-m1', 's-comp3', day, 600);
    read('r-m2', 's-comp4', day, 600);
  }
  read('r-m2', 's-mix-read', '2026-09-10', 1200);
  read('r-m2', 's-mix-read', '2026-10-10', 600);
  read('r-m3', 's-comp5', '2026-09-10', 600);
  read('r-m3', 's-mix-new', '2026-10-10', 600);
  return b;
}
