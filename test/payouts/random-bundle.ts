import { emptyBundle, type Bundle } from '../oracle/bundle.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same dataset. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}

export const RANDOM_PERIOD = '2026-10';
const START = Date.parse('2026-10-01T00:00:00Z');
const END = Date.parse('2026-11-01T00:00:00Z');
const EDGES = [START - 86_400_000, START - 1, START, START + 1, END - 1, END, END + 3_600_000];
/** Ids whose byte order differs from a locale order, so tie-breaks are exercised. */
const STORY_IDS = ['S1', 'a1', 'Z9', 's_2', 'B', 'b', 'é1', '10', '9'];
const SECONDS = [0, 5, 29, 30, 31, 240, 600, 1799, 1800, 1801, 5000];

/**
 * A random month of reading data full of boundary cases: intervals starting and ending
 * at the period's edges, reads of 29/30/1800/1801 s, self-reads, logged-out views, boosts
 * and follows at the instants of sessions, annual charges at every offset, refunds,
 * excluded members, ties.
 */
export function randomBundle(seed: number): Bundle {
  const r = prng(seed);
  const b = emptyBundle();
  const iso = (ms: number) => new Date(ms).toISOString();
  const instant = () => (r.chance(0.25) ? r.pick(EDGES) : START + r.int(0, 30) * 86_400_000 + r.int(0, 3) * 3_600_000);
  const memberCount = r.int(2, 12);
  const members = Array.from({ length: memberCount }, (_, i) => `m${i}`);
  for (const id of members) {
    b.members.push({
      id,
      username: id,
      name: id,
      email: `${id}@x.test`,
      country: 'US',
      birthDate: null,
      joinedAt: '2024-01-01T00:00:00Z',
      earningsExcluded: r.chance(0.1),
    });
    for (let k = r.int(0, 2); k > 0; k--) {
      const from = r.chance(0.5) ? START - 90 * 86_400_000 : instant();
      b.memberships.push({
        id: `ms-${id}-${k}`,
        memberId: id,
        plan: r.pick(['monthly', 'annual'] as const),
        tier: 'member',
        startedAt: iso(from),
        endedAt: r.chance(0.6) ? null : iso(Math.max(from + 1, instant())),
      });
    }
    for (let k = r.int(0, 2); k > 0; k--) {
      const plan = r.pick(['monthly', 'annual'] as const);
      const offset = plan === 'monthly' ? r.pick([0, 0, 0, 1]) : r.int(0, 12);
      const d = new Date(Date.UTC(2026, 9 - offset, 1));
      const net = r.int(1, 6000);
      b.charges.push({
        id: `ch-${id}-${k}`,
        memberId: id,
        plan,
        coversFrom: d.toISOString().slice(0, 7),
        chargedAt: iso(d.getTime()),
        grossCents: net + 30,
        feeCents: 30,
        netCents: net,
        status: r.chance(0.1) ? 'refunded' : 'paid',
      });
    }
  }
  const authors = members.slice(0, r.int(1, Math.min(4, memberCount)));
  for (const a of authors) {
    if (r.chance(0.85)) {
      const from = r.chance(0.7) ? START - 86_400_000 : instant();
      b.enrollments.push({
        id: `en-${a}`,
        memberId: a,
        enrolledAt: iso(from),
        leftAt: r.chance(0.2) ? iso(Math.max(from + 1, instant())) : null,
      });
    }
    b.payoutAccounts.push({ memberId: a, provider: 'stripe', accountRef: `acct_${a}`, status: 'verified', taxStatus: 'verified' });
  }
  const stories = STORY_IDS.slice(0, r.int(1, 6));
  for (const s of stories) {
    b.stories.push({
      id: s,
      authorId: r.pick(authors),
      publicationId: null,
      title: s,
      publishedAt: '2026-01-01T00:00:00Z',
      membersOnly: r.chance(0.85),
      status: 'published',
    });
  }
  const sessionTimes: number[] = [];
  for (let i = r.int(0, 50); i > 0; i--) {
    const t = r.chance(0.2) && sessionTimes.length ? r.pick(sessionTimes) : instant();
    sessionTimes.push(t);
    b.sessions.push({
      id: `ss${i}`,
      storyId: r.pick(stories),
      readerId: r.chance(0.15) ? null : r.pick(members),
      startedAt: iso(t),
      activeSeconds: r.pick(SECONDS),
      mode: r.pick(['read', 'listen'] as const),
    });
  }
  // Twins: one reader, one instant, the same seconds on several stories of one author, so that
  // scores tie (remainder tie-break by story id) and a later first follow has tied candidates.
  for (let twin = r.int(0, 2); twin > 0; twin--) {
    const author = r.pick(authors);
    const own = b.stories.filter((s) => s.authorId === author).map((s) => s.id);
    if (own.length < 2) continue;
    const reader = r.pick(members);
    const at = START + r.int(0, 25) * 86_400_000;
    const seconds = r.pick([30, 600, 1800]);
    for (const storyId of own) {
      b.sessions.push({ id: `tw${twin}-${storyId}`, storyId, readerId: reader, startedAt: iso(at), activeSeconds: seconds, mode: 'read' });
    }
    if (r.chance(0.7)) {
      b.follows.push({
        id: `tf${twin}`,
        followerId: reader,
        followeeId: author,
        followedAt: iso(at + r.int(0, 2) * 3_600_000),
        unfollowedAt: null,
      });
    }
  }
  // Exact ties: a reader whose whole contribution splits over three identical pairs (stories
  // read by nobody else), so the remainder goes by story id in byte order ('T' < 't' < 'Ü').
  if (r.chance(0.5)) {
    const [author, reader] = ['tw-author', 'tw-reader'];
    for (const id of [author, reader]) {
      b.members.push({
        id,
        username: id,
        name: id,
        email: `${id}@x.test`,
        country: 'US',
        birthDate: null,
        joinedAt: '2024-01-01T00:00:00Z',
      });
    }
    b.enrollments.push({ id: 'en-tw', memberId: author, enrolledAt: '2025-01-01T00:00:00Z', leftAt: null });
    b.memberships.push({
      id: 'ms-tw',
      memberId: reader,
      plan: 'monthly',
      tier: 'member',
      startedAt: '2025-01-01T00:00:00Z',
      endedAt: null,
    });
    const net = 3 * r.int(1, 1000) + r.int(1, 2);
    b.charges.push({
      id: 'ch-tw',
      memberId: reader,
      plan: 'monthly',
      coversFrom: '2026-10',
      chargedAt: '2026-10-01T00:00:00Z',
      grossCents: net,
      feeCents: 0,
      netCents: net,
      status: 'paid',
    });
    const at = iso(START + r.int(0, 25) * 86_400_000);
    for (const id of ['Ü1', 't1', 'T1']) {
      b.stories.push({
        id,
        authorId: author,
        publicationId: null,
        title: id,
        publishedAt: '2026-01-01T00:00:00Z',
        membersOnly: true,
        status: 'published',
      });
      b.sessions.push({ id: `tws-${id}`, storyId: id, readerId: reader, startedAt: at, activeSeconds: 600, mode: 'read' });
    }
  }
  for (let i = r.int(0, 12); i > 0; i--) {
    b.engagements.push({
      id: `e${i}`,
      storyId: r.pick(stories),
      memberId: r.pick(members),
      kind: r.pick(['clap', 'highlight', 'reply'] as const),
      occurredAt: iso(instant()),
      count: 1,
    });
  }
  for (let i = r.int(0, 10); i > 0; i--) {
    const at = r.chance(0.3) && sessionTimes.length ? r.pick(sessionTimes) : instant();
    b.follows.push({
      id: `f${i}`,
      followerId: r.pick(members),
      followeeId: r.pick(authors),
      followedAt: iso(at),
      unfollowedAt: r.chance(0.3) ? iso(at + r.int(1, 10) * 86_400_000) : null,
    });
  }
  for (let i = r.int(0, 2); i > 0; i--) {
    const from = r.chance(0.5) && sessionTimes.length ? r.pick(sessionTimes) : instant();
    b.boosts.push({ id: `b${i}`, storyId: r.pick(stories), startsAt: iso(from), endsAt: iso(from + 14 * 86_400_000), source: 'curator' });
  }
  for (let i = r.int(0, 2); i > 0; i--) {
    b.referrals.push({
      id: `r${i}`,
      referrerId: r.pick(authors),
      referredMemberId: r.pick(members),
      referredAt: '2023-05-01T00:00:00Z',
      pageSlug: `p${i}`,
    });
  }
  return b;
}
