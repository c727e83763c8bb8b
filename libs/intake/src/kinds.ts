import { MAX_EMAIL_LENGTH, MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '../../core/src/text-limits.js';
import { TICKET_CATEGORIES } from '../../help-desk/src/ticket-categories.js';
import { chargeAmountsProblem } from './charge-amounts.js';
import { REFERRAL_CUTOFF, referralRefusal } from '../../referral-legacy/src/referral-rules.js';

/*
 * The record kinds of spec/import-format.md: for each, its fields (how a record is
 * validated), the table and columns it lands in, and the order kinds are merged in so that
 * references resolve. One description drives both doors (bundle import and intake API).
 */

/** The entities other records refer to by id; each has an integer `key` the big tables store. */
export type RefEntity = 'member' | 'story' | 'publication';

export const REF_TABLES: Record<RefEntity, string> = { member: 'members', story: 'stories', publication: 'publications' };

export type FieldType =
  | { t: 'id' }
  /** `max`: at most this many characters (code points), the staff API's bound for the same kind of text. */
  | { t: 'text'; nonEmpty?: boolean; max: number }
  | { t: 'timestamp' }
  | { t: 'date' }
  /** `YYYY-MM`; `asDate` stores it as the first day of the month. */
  | { t: 'month'; asDate?: boolean }
  | { t: 'int'; min: number; max: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'country' }
  | { t: 'language' }
  | { t: 'ref'; entity: RefEntity };

export interface FieldSpec {
  /** The JSON field name. */
  name: string;
  /** The column it is stored in (for references: the integer key column). */
  column: string;
  /** SQL type of the column (for the staging table). */
  sqlType: string;
  type: FieldType;
  /** `null` is allowed, and a missing field means null. */
  nullable?: boolean;
  /** Used when the field is missing or null. */
  default?: string | boolean | number;
}

export interface KindSpec {
  kind: IntakeKind;
  table: string;
  /** Merge level: every kind a record refers to has a lower level. */
  level: 0 | 1 | 2;
  fields: FieldSpec[];
  /** The field that identifies a record (idempotency): `id`, or `memberId` for payout accounts. */
  identity: string;
  /** Members, stories and publications have a generated integer `key`. */
  surrogateKey?: boolean;
  /** Applications, nominations and tickets: domains react to them through IntakeHooks. */
  hooked?: boolean;
  /** Reading data the detector reads (sessions, engagements): the instant column whose UTC month is a record's period (reading-versions.ts). */
  periodColumn?: string;
  /**
   * Cross-field rules, run after every field is valid (values by field name, timestamps as
   * epoch microseconds in `instants`). Returns the reason for refusing, or null.
   */
  rule?: (values: Record<string, unknown>, instants: Record<string, bigint>) => string | null;
}

export const INTAKE_KINDS = [
  'members',
  'publications',
  'stories',
  'memberships',
  'charges',
  'enrollments',
  'payoutAccounts',
  'follows',
  'referrals',
  'sessions',
  'engagements',
  'boosts',
  'nominations',
  'applications',
  'tickets',
] as const;
export type IntakeKind = (typeof INTAKE_KINDS)[number];

export const isIntakeKind = (k: string): k is IntakeKind => (INTAKE_KINDS as readonly string[]).includes(k);

const id = (name = 'id', column = 'id'): FieldSpec => ({ name, column, sqlType: 'text', type: { t: 'id' } });
const ref = (name: string, column: string, entity: RefEntity, nullable = false): FieldSpec => ({
  name,
  column,
  sqlType: 'int4',
  type: { t: 'ref', entity },
  nullable,
});
const ts = (name: string, column: string, nullable = false): FieldSpec => ({
  name,
  column,
  sqlType: 'timestamptz',
  type: { t: 'timestamp' },
  nullable,
});
const text = (name: string, max: number, opts: { column?: string; nonEmpty?: boolean } = {}): FieldSpec => ({
  name,
  column: opts.column ?? name,
  sqlType: 'text',
  type: { t: 'text', nonEmpty: opts.nonEmpty ?? false, max },
});
const oneOf = (name: string, values: readonly string[], column = name): FieldSpec => ({
  name,
  column,
  sqlType: 'text',
  type: { t: 'enum', values },
});
const bool = (name: string, column: string, dflt?: boolean): FieldSpec => ({
  name,
  column,
  sqlType: 'bool',
  type: { t: 'bool' },
  default: dflt,
});
const cents = (name: string, column: string): FieldSpec => ({
  name,
  column,
  sqlType: 'int8',
  type: { t: 'int', min: 0, max: Number.MAX_SAFE_INTEGER },
});
const country = (name = 'country'): FieldSpec => ({ name, column: 'country', sqlType: 'bpchar', type: { t: 'country' } });
const birthDate = (): FieldSpec => ({ name: 'birthDate', column: 'birth_date', sqlType: 'date', type: { t: 'date' }, nullable: true });

export const PLANS = ['monthly', 'annual'] as const;

const SPECS: KindSpec[] = [
  {
    kind: 'members',
    table: 'members',
    level: 0,
    identity: 'id',
    surrogateKey: true,
    fields: [
      id(),
      text('username', MAX_NAME_LENGTH, { nonEmpty: true }),
      text('name', MAX_NAME_LENGTH, { nonEmpty: true }),
      text('email', MAX_EMAIL_LENGTH, { nonEmpty: true }),
      country(),
      birthDate(),
      ts('joinedAt', 'joined_at'),
      bool('earningsExcluded', 'earnings_excluded', false),
    ],
  },
  {
    kind: 'publications',
    table: 'publications',
    level: 0,
    identity: 'id',
    surrogateKey: true,
    fields: [id(), text('name', MAX_NAME_LENGTH, { nonEmpty: true })],
  },
  {
    kind: 'stories',
    table: 'stories',
    level: 1,
    identity: 'id',
    surrogateKey: true,
    fields: [
      id(),
      ref('authorId', 'author_key', 'member'),
      ref('publicationId', 'publication_key', 'publication', true),
      text('title', MAX_TITLE_LENGTH),
      ts('publishedAt', 'published_at', true),
      bool('membersOnly', 'members_only'),
      oneOf('status', ['draft', 'published', 'unlisted', 'deleted']),
      bool('aiDisclosed', 'ai_disclosed', false),
      { name: 'language', column: 'language', sqlType: 'text', type: { t: 'language' }, default: 'en' },
    ],
  },
  {
    kind: 'memberships',
    table: 'memberships',
    level: 1,
    identity: 'id',
    fields: [
      id(),
      ref('memberId', 'member_key', 'member'),
      oneOf('plan', PLANS),
      oneOf('tier', ['member', 'friend']),
      ts('startedAt', 'started_at'),
      ts('endedAt', 'ended_at', true),
    ],
  },
  {
    kind: 'charges',
    table: 'charges',
    level: 1,
    identity: 'id',
    fields: [
      id(),
      ref('memberId', 'member_key', 'member'),
      oneOf('plan', PLANS),
      { name: 'coversFrom', column: 'covers_from', sqlType: 'date', type: { t: 'month', asDate: true } },
      ts('chargedAt', 'charged_at'),
      cents('grossCents', 'gross_cents'),
      cents('feeCents', 'fee_cents'),
      cents('netCents', 'net_cents'),
      oneOf('status', ['paid', 'refunded']),
    ],
    rule: (v) => chargeAmountsProblem(v.grossCents as number, v.feeCents as number, v.netCents as number),
  },
  {
    kind: 'enrollments',
    table: 'enrollments',
    level: 1,
    identity: 'id',
    fields: [id(), ref('memberId', 'member_key', 'member'), ts('enrolledAt', 'enrolled_at'), ts('leftAt', 'left_at', true)],
  },
  {
    kind: 'payoutAccounts',
    table: 'payout_accounts',
    level: 1,
    identity: 'memberId',
    fields: [
      ref('memberId', 'member_key', 'member'),
      oneOf('provider', ['stripe']),
      text('accountRef', MAX_ID_LENGTH, { column: 'account_ref', nonEmpty: true }),
      oneOf('status', ['verified', 'pending', 'restricted']),
      oneOf('taxStatus', ['verified', 'missing'], 'tax_status'),
    ],
  },
  {
    kind: 'follows',
    table: 'follows',
    level: 1,
    identity: 'id',
    fields: [
      id(),
      ref('followerId', 'follower_key', 'member'),
      ref('followeeId', 'followee_key', 'member'),
      ts('followedAt', 'followed_at'),
      ts('unfollowedAt', 'unfollowed_at', true),
    ],
  },
  {
    kind: 'referrals',
    table: 'referrals',
    level: 1,
    identity: 'id',
    fields: [
      id(),
      ref('referrerId', 'referrer_key', 'member'),
      ref('referredMemberId', 'referred_member_key', 'member'),
      ts('referredAt', 'referred_at'),
      text('pageSlug', MAX_NAME_LENGTH, { column: 'page_slug', nonEmpty: true }),
    ],
    rule: (v) => {
      const refusal = referralRefusal(v.referredAt as string);
      return refusal && `${refusal}: referredAt ${String(v.referredAt)} is too late (referrals must be before ${REFERRAL_CUTOFF})`;
    },
  },
  {
    kind: 'sessions',
    table: 'sessions',
    level: 2,
    identity: 'id',
    periodColumn: 'started_at',
    fields: [
      id(),
      ref('storyId', 'story_key', 'story'),
      ref('readerId', 'reader_key', 'member', true),
      ts('startedAt', 'started_at'),
      { name: 'activeSeconds', column: 'active_seconds', sqlType: 'int4', type: { t: 'int', min: 0, max: 2147483647 } },
      oneOf('mode', ['read', 'listen']),
    ],
  },
  {
    kind: 'engagements',
    table: 'engagements',
    level: 2,
    identity: 'id',
    periodColumn: 'occurred_at',
    fields: [
      id(),
      ref('storyId', 'story_key', 'story'),
      ref('memberId', 'member_key', 'member'),
      oneOf('kind', ['clap', 'highlight', 'reply']),
      ts('occurredAt', 'occurred_at'),
      { name: 'count', column: 'count', sqlType: 'int4', type: { t: 'int', min: 1, max: 50 }, default: 1 },
    ],
    rule: (v) => (v.kind !== 'clap' && v.count !== 1 ? `count must be 1 for a ${String(v.kind)} (only claps count 1 to 50)` : null),
  },
  {
    kind: 'boosts',
    table: 'boosts',
    level: 2,
    identity: 'id',
    fields: [
      id(),
      ref('storyId', 'story_key', 'story'),
      ts('startsAt', 'starts_at'),
      ts('endsAt', 'ends_at'),
      oneOf('source', ['nomination', 'curator']),
    ],
    rule: (_v, at) => (at.endsAt > at.startsAt ? null : 'endsAt must be after startsAt'),
  },
  {
    kind: 'nominations',
    table: 'nominations',
    level: 2,
    identity: 'id',
    hooked: true,
    fields: [
      id(),
      ref('storyId', 'story_key', 'story'),
      ref('nominatorId', 'nominator_key', 'member'),
      ref('publicationId', 'publication_key', 'publication'),
      ts('nominatedAt', 'nominated_at'),
    ],
  },
  {
    kind: 'applications',
    table: 'applications',
    level: 2,
    identity: 'id',
    hooked: true,
    fields: [id(), ref('memberId', 'member_key', 'member'), ts('submittedAt', 'submitted_at'), country(), birthDate()],
  },
  {
    kind: 'tickets',
    table: 'tickets',
    level: 2,
    identity: 'id',
    hooked: true,
    fields: [
      id(),
      ref('memberId', 'member_key', 'member'),
      oneOf('category', TICKET_CATEGORIES),
      text('subject', MAX_TITLE_LENGTH, { nonEmpty: true }),
      text('body', MAX_TEXT_LENGTH, { nonEmpty: true }),
      ref('storyId', 'story_key', 'story', true),
      { name: 'period', column: 'period', sqlType: 'text', type: { t: 'month' }, nullable: true },
      ts('createdAt', 'created_at'),
    ],
  },
];

export const KIND_SPECS: Readonly<Record<IntakeKind, KindSpec>> = Object.freeze(
  Object.fromEntries(SPECS.map((s) => [s.kind, s])) as Record<IntakeKind, KindSpec>,
);

/** Kinds in merge order: by level, then as listed. */
export const MERGE_ORDER: readonly IntakeKind[] = [...SPECS].sort((a, b) => a.level - b.level).map((s) => s.kind);

/** The bundle file of a kind. */
export const fileOf = (kind: IntakeKind) => `${kind}.ndjson`;

/** The column that identifies a row in the table (the conflict target of the merge). */
export const identityColumn = (spec: KindSpec): string => spec.fields.find((f) => f.name === spec.identity)!.column;
