// Test-only loader for import bundles (spec/import-format.md): a folder of NDJSON
// files, one record per line. Fixtures are small, so whole files are read at once.
// The production importer streams; this one must not be used on large data.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ISO 8601 timestamp with an offset, e.g. `2026-10-04T10:00:00Z`. */
export type Timestamp = string;
/** `YYYY-MM-DD` */
export type DateString = string;
/** `YYYY-MM` */
export type Month = string;

export interface MemberRecord {
  id: string;
  username: string;
  name: string;
  email: string;
  country: string;
  birthDate: DateString | null;
  joinedAt: Timestamp;
  earningsExcluded?: boolean;
}

export interface MembershipRecord {
  id: string;
  memberId: string;
  plan: 'monthly' | 'annual';
  tier: 'member' | 'friend';
  startedAt: Timestamp;
  endedAt: Timestamp | null;
}

export interface ChargeRecord {
  id: string;
  memberId: string;
  plan: 'monthly' | 'annual';
  coversFrom: Month;
  chargedAt: Timestamp;
  grossCents: number;
  feeCents: number;
  netCents: number;
  status: 'paid' | 'refunded';
}

export interface PublicationRecord {
  id: string;
  name: string;
}

export interface StoryRecord {
  id: string;
  authorId: string;
  publicationId: string | null;
  title: string;
  publishedAt: Timestamp | null;
  membersOnly: boolean;
  status: 'draft' | 'published' | 'unlisted' | 'deleted';
  aiDisclosed?: boolean;
  language?: string;
}

export interface EnrollmentRecord {
  id: string;
  memberId: string;
  enrolledAt: Timestamp;
  leftAt: Timestamp | null;
}

export interface PayoutAccountRecord {
  memberId: string;
  provider: 'stripe';
  accountRef: string;
  status: 'verified' | 'pending' | 'restricted';
  taxStatus: 'verified' | 'missing';
}

export interface BoostRecord {
  id: string;
  storyId: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  source: 'nomination' | 'curator';
}

export interface SessionRecord {
  id: string;
  storyId: string;
  readerId: string | null;
  startedAt: Timestamp;
  activeSeconds: number;
  mode: 'read' | 'listen';
}

export interface EngagementRecord {
  id: string;
  storyId: string;
  memberId: string;
  kind: 'clap' | 'highlight' | 'reply';
  occurredAt: Timestamp;
  count: number;
}

export interface FollowRecord {
  id: string;
  followerId: string;
  followeeId: string;
  followedAt: Timestamp;
  unfollowedAt: Timestamp | null;
}

export interface ReferralRecord {
  id: string;
  referrerId: string;
  referredMemberId: string;
  referredAt: Timestamp;
  pageSlug: string;
}

export interface Bundle {
  members: MemberRecord[];
  memberships: MembershipRecord[];
  charges: ChargeRecord[];
  publications: PublicationRecord[];
  stories: StoryRecord[];
  enrollments: EnrollmentRecord[];
  payoutAccounts: PayoutAccountRecord[];
  boosts: BoostRecord[];
  sessions: SessionRecord[];
  engagements: EngagementRecord[];
  follows: FollowRecord[];
  referrals: ReferralRecord[];
}

export const BUNDLE_KINDS = [
  'members',
  'memberships',
  'charges',
  'publications',
  'stories',
  'enrollments',
  'payoutAccounts',
  'boosts',
  'sessions',
  'engagements',
  'follows',
  'referrals',
] as const satisfies readonly (keyof Bundle)[];

/** An empty bundle, handy for building random datasets in tests. */
export function emptyBundle(): Bundle {
  return {
    members: [],
    memberships: [],
    charges: [],
    publications: [],
    stories: [],
    enrollments: [],
    payoutAccounts: [],
    boosts: [],
    sessions: [],
    engagements: [],
    follows: [],
    referrals: [],
  };
}

/** Parses NDJSON text: one JSON record per non-blank line. */
export function parseNdjson<T>(text: string, source = 'ndjson'): T[] {
  const out: T[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch (e) {
      throw new Error(`${source}:${i + 1}: invalid JSON (${(e as Error).message})`, { cause: e });
    }
  }
  return out;
}

/** Reads `<dir>/<kind>.ndjson` for every kind; a missing file is an empty list. */
export function loadBundle(dir: string): Bundle {
  if (!existsSync(dir)) throw new Error(`no bundle folder ${dir}`);
  const bundle = emptyBundle();
  for (const kind of BUNDLE_KINDS) {
    const file = join(dir, `${kind}.ndjson`);
    if (!existsSync(file)) continue;
    (bundle[kind] as unknown[]) = parseNdjson<unknown>(readFileSync(file, 'utf8'), file);
  }
  return bundle;
}
