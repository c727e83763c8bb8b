import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { activeClaimant, claimFreeFor, one, rows, type ClaimView, type ListQuery, type ListSpec } from '../../core/src/index.js';
import { APPLICATION_STATUSES, CHECK_NAMES, type CheckName } from './application.entity.js';

type Db = DataSource | EntityManager;

export interface ApplicationView extends ClaimView {
  id: string;
  memberId: string | null;
  memberUsername: string | null;
  memberName: string | null;
  submittedAt: Date;
  country: string;
  birthDate: string | null;
  status: string;
  eligible: boolean | null;
  failingChecks: CheckName[] | null;
  checks: unknown;
  checkedAt: Date | null;
  enteredBy: string | null;
  decidedBy: string | null;
  decidedByEmail: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  note: string | null;
  enrollmentId: string | null;
}

export interface Evaluated {
  id: string;
  memberKey: number;
  failingChecks: CheckName[];
  checks: Record<string, unknown>;
}

/** A marker column: `failingCheck` filters test membership in the array (rewritten below). */
const FAILING = 'a.failing_checks';

export const APPLICATION_LIST: ListSpec = {
  resource: 'applications',
  key: 'a.id',
  defaultSort: ['submittedAt', 'ASC'],
  sort: {
    id: 'a.id',
    submittedAt: 'a.submitted_at',
    status: 'a.status',
    country: 'a.country',
    memberId: 'm.id',
    checkedAt: 'a.checked_at',
    decidedAt: 'a.decided_at',
  },
  filters: {
    id: { column: 'a.id', type: 'text' },
    status: { column: 'a.status', type: 'text', values: APPLICATION_STATUSES },
    country: { column: 'a.country', type: 'text' },
    failingCheck: { column: FAILING, type: 'text', values: CHECK_NAMES },
    eligible: { column: `(a.failing_checks = '{}')`, type: 'bool' },
    submittedAt: { column: 'a.submitted_at', type: 'timestamp' },
    decidedAt: { column: 'a.decided_at', type: 'timestamp' },
    memberId: { column: 'm.id', type: 'text' },
    rejectReason: { column: 'a.reject_reason', type: 'text' },
    /** The staff member holding an unexpired review claim. */
    claimedBy: { column: activeClaimant('a'), type: 'uuid' },
    claimed: { column: `(${activeClaimant('a')} IS NOT NULL)`, type: 'bool' },
  },
  search: ['a.id', 'm.id', 'm.username', 'm.name', 'm.email'],
};

/** parseListQuery writes `column = $n` / `column = ANY($n::text[])`; the failing checks are an array. */
export function whereOf(q: ListQuery): string {
  return q.where
    .replaceAll(`${FAILING} = ANY(`, `${FAILING} && (`)
    .replace(new RegExp(`${FAILING.replace('.', '\\.')} = (\\$\\d+)`, 'g'), `$1 = ANY(${FAILING})`);
}

export const FROM = `FROM applications a LEFT JOIN members m ON m.key = a.member_key LEFT JOIN staff_users d ON d.id = a.decided_by
  LEFT JOIN staff_users cl ON cl.id = ${activeClaimant('a')}`;

const COLUMNS = `a.id, m.id AS "memberId", m.username AS "memberUsername", m.name AS "memberName",
  a.submitted_at AS "submittedAt", a.country, a.birth_date::text AS "birthDate", a.status,
  (a.failing_checks = '{}') AS eligible, a.failing_checks AS "failingChecks", a.checks, a.checked_at AS "checkedAt",
  a.entered_by AS "enteredBy", a.decided_by AS "decidedBy", d.email AS "decidedByEmail", a.decided_at AS "decidedAt",
  a.reject_reason AS "rejectReason", a.note,
  ${activeClaimant('a')} AS "claimedBy", cl.email AS "claimedByEmail", CASE WHEN a.claimed_until > now() THEN a.claimed_until END AS "claimedUntil",
  CASE WHEN a.status = 'approved' THEN e.id END AS "enrollmentId"`;

const ENROLLMENT = `LEFT JOIN enrollments e ON e.id = 'enr_' || a.id`;

/**
 * The four checks for pending applications, set-based: one UPDATE for any number of ids.
 *
 * "Now" is `$2` (default: the transaction's `now()`), "today" is its UTC date.
 * - member: a membership with started_at <= now and (ended_at null or > now); evidence is the
 *   covering membership, or the latest one that ended.
 * - recentStory: the latest story with status published or unlisted and published_at not null
 *   (and not in the future); it passes when published on or after (today - interval '6 months')
 *   at 00:00 UTC. PostgreSQL's calendar-month arithmetic: 2026-09-15 → 2026-03-15, and a day
 *   that does not exist clamps to the month's last day (2026-08-31 → 2026-02-28).
 * - country: the application's country has a row in `countries` with payable = true.
 * - age: birth_date + interval '18 years' <= today (the 18th birthday counts; born on
 *   29 February: 28 February of the 18th year). The application's birth date, else the
 *   member's profile.
 */
const EVALUATE = `
WITH clock AS (
  SELECT t AS as_of, (t AT TIME ZONE 'UTC')::date AS today FROM (SELECT COALESCE($2::timestamptz, now()) AS t) x
), ev AS (
  SELECT a.id, a.member_key, a.country, clock.as_of, clock.today,
         (clock.today - interval '6 months')::date AS story_since,
         ms.id AS ms_id, ms.plan AS ms_plan, ms.tier AS ms_tier, ms.started_at AS ms_started, ms.ended_at AS ms_ended,
         st.id AS st_id, st.title AS st_title, st.status AS st_status, st.published_at AS st_published,
         c.code AS c_code, c.name AS c_name, c.payable AS c_payable, c.date_added AS c_added,
         COALESCE(a.birth_date, mem.birth_date) AS birth_date,
         CASE WHEN a.birth_date IS NOT NULL THEN 'application' WHEN mem.birth_date IS NOT NULL THEN 'member profile' END AS birth_source
  FROM applications a
  CROSS JOIN clock
  LEFT JOIN members mem ON mem.key = a.member_key
  LEFT JOIN LATERAL (
    SELECT id, plan, tier, started_at, ended_at FROM memberships
    WHERE member_key = a.member_key AND started_at <= clock.as_of
    ORDER BY (ended_at IS NULL OR ended_at > clock.as_of) DESC, COALESCE(ended_at, 'infinity') DESC, started_at DESC, id
    LIMIT 1
  ) ms ON true
  LEFT JOIN LATERAL (
    SELECT id, title, status, published_at FROM stories
    WHERE author_key = a.member_key AND status IN ('published', 'unlisted') AND published_at IS NOT NULL AND published_at <= clock.as_of
    ORDER BY published_at DESC, key
    LIMIT 1
  ) st ON true
  LEFT JOIN countries c ON c.code = a.country
  WHERE a.id = ANY($1::text[]) AND a.status = 'pending'
), r AS (
  SELECT ev.*,
         (ms_id IS NOT NULL AND (ms_ended IS NULL OR ms_ended > as_of)) AS member_ok,
         (st_published IS NOT NULL AND st_published >= (story_since::timestamp AT TIME ZONE 'UTC')) AS story_ok,
         COALESCE(c_payable, false) AS country_ok,
         (birth_date IS NOT NULL AND birth_date + interval '18 years' <= today) AS age_ok,
         date_part('year', age(today::timestamp, birth_date::timestamp))::int AS age_years
  FROM ev
), out AS (
  SELECT id, member_key, as_of,
    array_remove(ARRAY[
      CASE WHEN NOT member_ok THEN 'member' END,
      CASE WHEN NOT story_ok THEN 'recentStory' END,
      CASE WHEN NOT country_ok THEN 'country' END,
      CASE WHEN NOT age_ok THEN 'age' END
    ], NULL) AS failing,
    jsonb_build_object(
      'asOf', as_of,
      'today', today,
      'member', jsonb_build_object(
        'pass', member_ok,
        'reason', CASE WHEN NOT member_ok THEN 'not_member' END,
        'detail', CASE
          WHEN member_ok THEN format('membership %s (%s, %s) covers now', ms_id, ms_plan, ms_tier)
          WHEN ms_id IS NULL THEN 'no membership'
          ELSE format('membership %s ended %s', ms_id, to_char(ms_ended AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) END,
        'evidence', CASE WHEN ms_id IS NOT NULL THEN jsonb_build_object(
          'membershipId', ms_id, 'plan', ms_plan, 'tier', ms_tier, 'startedAt', ms_started, 'endedAt', ms_ended) END),
      'recentStory', jsonb_build_object(
        'pass', story_ok,
        'reason', CASE WHEN NOT story_ok THEN 'no_recent_story' END,
        'detail', CASE
          WHEN story_ok THEN format('story %s published %s (on or after %s)', st_id, to_char(st_published AT TIME ZONE 'UTC', 'YYYY-MM-DD'), story_since)
          WHEN st_id IS NULL THEN 'no published or unlisted story'
          ELSE format('latest story %s published %s, before %s', st_id, to_char(st_published AT TIME ZONE 'UTC', 'YYYY-MM-DD'), story_since) END,
        'evidence', jsonb_build_object(
          'since', story_since, 'storyId', st_id, 'title', st_title, 'status', st_status, 'publishedAt', st_published)),
      'country', jsonb_build_object(
        'pass', country_ok,
        'reason', CASE WHEN NOT country_ok THEN 'unsupported_country' END,
        'detail', CASE
          WHEN c_code IS NULL THEN format('country %s is not on the supported list', country)
          WHEN NOT c_payable THEN format('country %s is supported but not payable', country)
          ELSE format('country %s (%s) is supported and payable', country, c_name) END,
        'evidence', jsonb_build_object(
          'country', country, 'listed', c_code IS NOT NULL, 'name', c_name, 'payable', c_payable, 'dateAdded', c_added)),
      'age', jsonb_build_object(
        'pass', age_ok,
        'reason', CASE WHEN NOT age_ok THEN 'under_18' END,
        'detail', CASE
          WHEN birth_date IS NULL THEN 'birth date unknown'
          WHEN age_ok THEN format('%s years old', age_years)
          ELSE format('%s years old; 18 on %s', age_years, (birth_date + interval '18 years')::date) END,
        'evidence', jsonb_build_object(
          'birthDate', birth_date, 'birthDateSource', birth_source, 'ageYears', age_years,
          'eighteenOn', (birth_date + interval '18 years')::date))
    ) AS checks
  FROM r
)
UPDATE applications a SET checks = out.checks, failing_checks = out.failing, checked_at = out.as_of
FROM out
WHERE a.id = out.id AND a.status = 'pending'
RETURNING a.id, a.member_key AS "memberKey", a.failing_checks AS "failingChecks", a.checks`;

/** Applications: the only place with their SQL. */
@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListQuery): Promise<Array<ApplicationView & { total: string }>> {
    return rows(
      this.dataSource,
      `SELECT ${COLUMNS}, count(*) OVER () AS total ${FROM} ${ENROLLMENT} ${whereOf(q)} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    const row = await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n ${FROM} ${whereOf(q)}`, q.params);
    return row!.n;
  }

  async get(db: Db, id: string): Promise<ApplicationView | undefined> {
    return one<ApplicationView>(db, `SELECT ${COLUMNS} ${FROM} ${ENROLLMENT} WHERE a.id = $1`, [id]);
  }

  async status(db: Db, id: string): Promise<string | undefined> {
    return (await one<{ status: string }>(db, `SELECT status FROM applications WHERE id = $1`, [id]))?.status;
  }

  /** Evaluates (and stores) the checks of those of `ids` that are pending; locks their rows. */
  async evaluate(db: Db, ids: string[], asOf: Date | null = null): Promise<Evaluated[]> {
    if (ids.length === 0) return [];
    return rows<Evaluated>(db, EVALUATE, [ids, asOf]);
  }

  async memberKeyOf(db: Db, memberId: string): Promise<number | undefined> {
    return (await one<{ key: number }>(db, `SELECT key FROM members WHERE id = $1`, [memberId]))?.key;
  }

  /** Staff entry; undefined when the member already has a pending application. */
  async insertStaffEntry(
    db: Db,
    a: { memberKey: number; country: string; birthDate: string | null; enteredBy: string },
  ): Promise<string | undefined> {
    const row = await one<{ id: string }>(
      db,
      `INSERT INTO applications (id, member_key, submitted_at, country, birth_date, status, entered_by)
       VALUES ('staff-' || gen_random_uuid(), $1, now(), $2, $3, 'pending', $4)
       ON CONFLICT (member_key) WHERE status = 'pending' DO NOTHING
       RETURNING id`,
      [a.memberKey, a.country, a.birthDate, a.enteredBy],
    );
    return row?.id;
  }

  /** The member's open enrollment, if they are a partner right now. */
  async openEnrollment(db: Db, memberKey: number): Promise<string | undefined> {
    return (await one<{ id: string }>(db, `SELECT id FROM enrollments WHERE member_key = $1 AND left_at IS NULL LIMIT 1`, [memberKey]))?.id;
  }

  /**
   * Approves a pending application whose stored checks all pass, and opens its enrollment
   * and the partner's `active` status, in one statement. Undefined when the row was not
   * pending (a concurrent decision won).
   */
  async approve(db: Db, id: string, actorId: string): Promise<{ id: string; enrollmentId: string; decidedAt: Date } | undefined> {
    return one(
      db,
      `WITH approved AS (
         UPDATE applications SET status = 'approved', decided_by = $2, decided_at = now(), claimed_by = NULL, claimed_until = NULL
         WHERE id = $1 AND status = 'pending' AND failing_checks = '{}' AND ${claimFreeFor('applications', '$2')}
         RETURNING id, member_key, decided_at
       ), enrolled AS (
         INSERT INTO enrollments (id, member_key, enrolled_at, left_at)
         SELECT 'enr_' || id, member_key, decided_at, NULL FROM approved
         RETURNING id, member_key
       ), activated AS (
         INSERT INTO partner_status_changes (member_key, enrollment_id, status, reason, application_id, changed_by, changed_at)
         SELECT ap.member_key, 'enr_' || ap.id, 'active', 'application ' || ap.id || ' approved', ap.id, $2, ap.decided_at FROM approved ap
       )
       SELECT ap.id, e.id AS "enrollmentId", ap.decided_at AS "decidedAt" FROM approved ap JOIN enrolled e ON e.member_key = ap.member_key`,
      [id, actorId],
    );
  }

  async reject(db: Db, id: string, actorId: string, reason: string, note: string): Promise<{ id: string } | undefined> {
    return one(
      db,
      `UPDATE applications SET status = 'rejected', decided_by = $2, decided_at = now(), reject_reason = $3, note = $4,
         claimed_by = NULL, claimed_until = NULL
       WHERE id = $1 AND status = 'pending' AND ${claimFreeFor('applications', '$2')} RETURNING id`,
      [id, actorId, reason, note],
    );
  }

  /**
   * Ids of the applications a list filter matches (at most `cap` + 1, to detect overflow),
   * locked in a stable order so that two bulk approvals over overlapping sets queue up
   * instead of deadlocking.
   */
  async matchingIds(db: Db, q: ListQuery, cap: number): Promise<string[]> {
    const found = await rows<{ id: string }>(
      db,
      `SELECT a.id ${FROM} ${whereOf(q)} ORDER BY a.id LIMIT ${cap + 1} FOR UPDATE OF a`,
      q.params,
    );
    return found.map((r) => r.id);
  }

  /**
   * Bulk approval in one statement: every pending application among `ids` whose checks
   * all pass and whose member is not enrolled already; enrollments and `active` statuses
   * for all of them.
   */
  async approveMany(db: Db, ids: string[], actorId: string): Promise<Array<{ id: string; memberId: string; enrollmentId: string }>> {
    return rows(
      db,
      `WITH approved AS (
         UPDATE applications a SET status = 'approved', decided_by = $2, decided_at = now(), claimed_by = NULL, claimed_until = NULL
         WHERE a.id = ANY($1::text[]) AND a.status = 'pending' AND a.failing_checks = '{}' AND ${claimFreeFor('a', '$2')}
           AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.member_key = a.member_key AND e.left_at IS NULL)
         RETURNING a.id, a.member_key, a.decided_at
       ), enrolled AS (
         INSERT INTO enrollments (id, member_key, enrolled_at, left_at)
         SELECT 'enr_' || id, member_key, decided_at, NULL FROM approved
         RETURNING id
       ), activated AS (
         INSERT INTO partner_status_changes (member_key, enrollment_id, status, reason, application_id, changed_by, changed_at)
         SELECT ap.member_key, 'enr_' || ap.id, 'active', 'application ' || ap.id || ' approved (bulk)', ap.id, $2, ap.decided_at FROM approved ap
       )
       SELECT ap.id, m.id AS "memberId", e.id AS "enrollmentId"
       FROM approved ap JOIN enrolled e ON e.id = 'enr_' || ap.id LEFT JOIN members m ON m.key = ap.member_key
       ORDER BY ap.id`,
      [ids, actorId],
    );
  }

  /** Why each of `ids` is not approved (read after the approval statement, so concurrent decisions show). */
  async skippedReasons(
    db: Db,
    ids: string[],
  ): Promise<
    Array<{
      id: string;
      status: string;
      failingChecks: CheckName[] | null;
      enrolled: boolean;
      claimedBy: string | null;
      claimedByEmail: string | null;
    }>
  > {
    if (ids.length === 0) return [];
    return rows(
      db,
      `SELECT a.id, a.status, a.failing_checks AS "failingChecks",
              EXISTS (SELECT 1 FROM enrollments e WHERE e.member_key = a.member_key AND e.left_at IS NULL) AS enrolled,
              ${activeClaimant('a')} AS "claimedBy", cl.email AS "claimedByEmail"
       FROM applications a LEFT JOIN staff_users cl ON cl.id = ${activeClaimant('a')}
       WHERE a.id = ANY($1::text[]) ORDER BY a.submitted_at, a.id`,
      [ids],
    );
  }
}
