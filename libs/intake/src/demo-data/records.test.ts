/* The record shapes of spec/import-format.md as value checks, for the generator's tests (not a test file itself). */

export type Check = (v: unknown) => boolean;

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isId: Check = (v) => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const isText: Check = (v) => typeof v === 'string' && v.trim().length > 0;
const isBool: Check = (v) => typeof v === 'boolean';
const isTs: Check = (v) => typeof v === 'string' && TS_RE.test(v) && !Number.isNaN(Date.parse(v));
const isDate: Check = (v) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const isMonth: Check = (v) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
const isCount: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isCountry: Check = (v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v);
const oneOf =
  (...xs: unknown[]): Check =>
  (v) =>
    xs.includes(v);
const nullable =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);

export const SCHEMA: Record<string, Record<string, Check>> = {
  members: {
    id: isId,
    username: isText,
    name: isText,
    email: (v) => typeof v === 'string' && /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(v),
    country: isCountry,
    birthDate: nullable(isDate),
    joinedAt: isTs,
    earningsExcluded: isBool,
  },
  memberships: {
    id: isId,
    memberId: isId,
    plan: oneOf('monthly', 'annual'),
    tier: oneOf('member', 'friend'),
    startedAt: isTs,
    endedAt: nullable(isTs),
  },
  charges: {
    id: isId,
    memberId: isId,
    plan: oneOf('monthly', 'annual'),
    coversFrom: isMonth,
    chargedAt: isTs,
    grossCents: isCount,
    feeCents: isCount,
    netCents: isCount,
    status: oneOf('paid', 'refunded'),
  },
  publications: { id: isId, name: isText },
  stories: {
    id: isId,
    authorId: isId,
    publicationId: nullable(isId),
    title: isText,
    publishedAt: nullable(isTs),
    membersOnly: isBool,
    status: oneOf('draft', 'published', 'unlisted', 'deleted'),
    aiDisclosed: isBool,
    language: (v) => typeof v === 'string' && /^[a-z]{2}$/.test(v),
  },
  enrollments: { id: isId, memberId: isId, enrolledAt: isTs, leftAt: nullable(isTs) },
  payoutAccounts: {
    memberId: isId,
    provider: oneOf('stripe'),
    accountRef: isText,
    status: oneOf('verified', 'pending', 'restricted'),
    taxStatus: oneOf('verified', 'missing'),
  },
  boosts: { id: isId, storyId: isId, startsAt: isTs, endsAt: isTs, source: oneOf('nomination', 'curator') },
  sessions: {
    id: isId,
    storyId: isId,
    readerId: nullable(isId),
    startedAt: isTs,
    activeSeconds: isCount,
    mode: oneOf('read', 'listen'),
  },
  engagements: {
    id: isId,
    storyId: isId,
    memberId: isId,
    kind: oneOf('clap', 'highlight', 'reply'),
    occurredAt: isTs,
    count: isCount,
  },
  follows: { id: isId, followerId: isId, followeeId: isId, followedAt: isTs, unfollowedAt: nullable(isTs) },
  referrals: { id: isId, referrerId: isId, referredMemberId: isId, referredAt: isTs, pageSlug: isText },
  nominations: { id: isId, storyId: isId, nominatorId: isId, publicationId: isId, nominatedAt: isTs },
  applications: { id: isId, memberId: isId, submittedAt: isTs, country: isCountry, birthDate: isDate },
  tickets: {
    id: isId,
    memberId: isId,
    category: oneOf('earnings_drop', 'missing_payout', 'eligibility', 'referral', 'boost', 'other'),
    subject: isText,
    body: isText,
    storyId: nullable(isId),
    period: nullable(isMonth),
    createdAt: isTs,
  },
};
