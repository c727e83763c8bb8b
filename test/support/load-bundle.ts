import type pg from 'pg';
import type { Bundle } from '../oracle/bundle.js';

/**
 * Test-only: writes a small in-memory bundle straight into the tables (a few statements,
 * one per kind), for the payout tests' random datasets. The product's import is
 * libs/intake; this skips its validation because the data is generated valid.
 */
export async function loadBundle(pool: pg.Pool, b: Bundle): Promise<void> {
  const client = await pool.connect();
  const put = (sql: string, records: unknown[]) => (records.length ? client.query(sql, [JSON.stringify(records)]) : null);
  try {
    await client.query('BEGIN');
    await put(
      `INSERT INTO members (id, username, name, email, country, birth_date, joined_at, earnings_excluded)
       SELECT id, username, name, email, country, "birthDate", "joinedAt", coalesce("earningsExcluded", false)
       FROM jsonb_to_recordset($1) AS r(id text, username text, name text, email text, country text, "birthDate" date, "joinedAt" timestamptz, "earningsExcluded" boolean)`,
      b.members,
    );
    await put(`INSERT INTO publications (id, name) SELECT id, name FROM jsonb_to_recordset($1) AS r(id text, name text)`, b.publications);
    await put(
      `INSERT INTO stories (id, author_key, publication_key, title, published_at, members_only, status, ai_disclosed, language)
       SELECT r.id, m.key, p.key, r.title, r."publishedAt", r."membersOnly", r.status, coalesce(r."aiDisclosed", false), coalesce(r.language, 'en')
       FROM jsonb_to_recordset($1) AS r(id text, "authorId" text, "publicationId" text, title text, "publishedAt" timestamptz, "membersOnly" boolean,
                                       status text, "aiDisclosed" boolean, language text)
       JOIN members m ON m.id = r."authorId" LEFT JOIN publications p ON p.id = r."publicationId"`,
      b.stories,
    );
    await put(
      `INSERT INTO memberships (id, member_key, plan, tier, started_at, ended_at)
       SELECT r.id, m.key, r.plan, r.tier, r."startedAt", r."endedAt"
       FROM jsonb_to_recordset($1) AS r(id text, "memberId" text, plan text, tier text, "startedAt" timestamptz, "endedAt" timestamptz)
       JOIN members m ON m.id = r."memberId"`,
      b.memberships,
    );
    await put(
      `INSERT INTO charges (id, member_key, plan, covers_from, charged_at, gross_cents, fee_cents, net_cents, status)
       SELECT r.id, m.key, r.plan, (r."coversFrom" || '-01')::date, r."chargedAt", r."grossCents", r."feeCents", r."netCents", r.status
       FROM jsonb_to_recordset($1) AS r(id text, "memberId" text, plan text, "coversFrom" text, "chargedAt" timestamptz, "grossCents" bigint,
                                       "feeCents" bigint, "netCents" bigint, status text)
       JOIN members m ON m.id = r."memberId"`,
      b.charges,
    );
    await put(
      `INSERT INTO enrollments (id, member_key, enrolled_at, left_at)
       SELECT r.id, m.key, r."enrolledAt", r."leftAt"
       FROM jsonb_to_recordset($1) AS r(id text, "memberId" text, "enrolledAt" timestamptz, "leftAt" timestamptz) JOIN members m ON m.id = r."memberId"`,
      b.enrollments,
    );
    await put(
      `INSERT INTO payout_accounts (member_key, provider, account_ref, status, tax_status)
       SELECT m.key, r.provider, r."accountRef", r.status, r."taxStatus"
       FROM jsonb_to_recordset($1) AS r("memberId" text, provider text, "accountRef" text, status text, "taxStatus" text) JOIN members m ON m.id = r."memberId"`,
      b.payoutAccounts,
    );
    await put(
      `INSERT INTO boosts (id, story_key, starts_at, ends_at, source)
       SELECT r.id, s.key, r."startsAt", r."endsAt", r.source
       FROM jsonb_to_recordset($1) AS r(id text, "storyId" text, "startsAt" timestamptz, "endsAt" timestamptz, source text) JOIN stories s ON s.id = r."storyId"`,
      b.boosts,
    );
    await put(
      `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
       SELECT r.id, s.key, m.key, r."startedAt", r."activeSeconds", r.mode
       FROM jsonb_to_recordset($1) AS r(id text, "storyId" text, "readerId" text, "startedAt" timestamptz, "activeSeconds" int, mode text)
       JOIN stories s ON s.id = r."storyId" LEFT JOIN members m ON m.id = r."readerId"`,
      b.sessions,
    );
    await put(
      `INSERT INTO engagements (id, story_key, member_key, kind, occurred_at, count)
       SELECT r.id, s.key, m.key, r.kind, r."occurredAt", r.count
       FROM jsonb_to_recordset($1) AS r(id text, "storyId" text, "memberId" text, kind text, "occurredAt" timestamptz, count int)
       JOIN stories s ON s.id = r."storyId" JOIN members m ON m.id = r."memberId"`,
      b.engagements,
    );
    await put(
      `INSERT INTO follows (id, follower_key, followee_key, followed_at, unfollowed_at)
       SELECT r.id, a.key, b.key, r."followedAt", r."unfollowedAt"
       FROM jsonb_to_recordset($1) AS r(id text, "followerId" text, "followeeId" text, "followedAt" timestamptz, "unfollowedAt" timestamptz)
       JOIN members a ON a.id = r."followerId" JOIN members b ON b.id = r."followeeId"`,
      b.follows,
    );
    await put(
      `INSERT INTO referrals (id, referrer_key, referred_member_key, referred_at, page_slug)
       SELECT r.id, a.key, b.key, r."referredAt", r."pageSlug"
       FROM jsonb_to_recordset($1) AS r(id text, "referrerId" text, "referredMemberId" text, "referredAt" timestamptz, "pageSlug" text)
       JOIN members a ON a.id = r."referrerId" JOIN members b ON b.id = r."referredMemberId"`,
      b.referrals.filter((r) => Date.parse(r.referredAt) < Date.parse('2023-09-01T00:00:00Z')),
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}
