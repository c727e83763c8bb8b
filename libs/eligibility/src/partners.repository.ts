import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type ListQuery, type ListSpec } from '../../core/src/index.js';
import { PARTNER_STATUSES, type PartnerStatus } from './partner-status-change.entity.js';

type Db = DataSource | EntityManager;

export interface PartnerView {
  id: string;
  memberId: string;
  username: string;
  name: string;
  email: string;
  country: string;
  status: PartnerStatus;
  statusReason: string | null;
  statusChangedAt: Date;
  enrollmentId: string;
  enrolledAt: Date;
  leftAt: Date | null;
}

/**
 * A partner is a member with at least one enrollment; the row shows their latest
 * enrollment (the open one if any) and its latest status change. Enrollments imported as
 * history have no status rows: open ones read as `active`, ended ones as `left`.
 */
const PARTNERS = `
  SELECT m.id AS id, m.id AS "memberId", m.username, m.name, m.email, m.country,
         COALESCE(s.status, CASE WHEN l.left_at IS NULL THEN 'active' ELSE 'left' END) AS status,
         s.reason AS "statusReason",
         COALESCE(s.changed_at, l.left_at, l.enrolled_at) AS "statusChangedAt",
         l.id AS "enrollmentId", l.enrolled_at AS "enrolledAt", l.left_at AS "leftAt"
  FROM (
    SELECT DISTINCT ON (member_key) id, member_key, enrolled_at, left_at FROM enrollments
    ORDER BY member_key, (left_at IS NULL) DESC, enrolled_at DESC, id DESC
  ) l
  JOIN members m ON m.key = l.member_key
  LEFT JOIN LATERAL (
    SELECT status, reason, changed_at FROM partner_status_changes p
    WHERE p.enrollment_id = l.id ORDER BY changed_at DESC, id DESC LIMIT 1
  ) s ON true`;

export const PARTNER_LIST: ListSpec = {
  resource: 'partners',
  key: 'p.id',
  defaultSort: ['enrolledAt', 'DESC'],
  sort: {
    id: 'p.id',
    username: 'p.username',
    name: 'p.name',
    country: 'p.country',
    status: 'p.status',
    statusChangedAt: 'p."statusChangedAt"',
    enrolledAt: 'p."enrolledAt"',
    leftAt: 'p."leftAt"',
  },
  filters: {
    id: { column: 'p.id', type: 'text' },
    status: { column: 'p.status', type: 'text', values: PARTNER_STATUSES },
    country: { column: 'p.country', type: 'text' },
    enrolledAt: { column: 'p."enrolledAt"', type: 'timestamp' },
    statusChangedAt: { column: 'p."statusChangedAt"', type: 'timestamp' },
  },
  search: ['p.id', 'p.username', 'p.name', 'p.email'],
};

export interface OpenEnrollment {
  enrollmentId: string;
  memberKey: number;
  status: PartnerStatus;
}

/** Partners (enrolled writers) and their status history: the only place with their SQL. */
@Injectable()
export class PartnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListQuery): Promise<Array<PartnerView & { total: string }>> {
    return rows(
      this.dataSource,
      `SELECT p.*, count(*) OVER () AS total FROM (${PARTNERS}) p ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    const row = await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM (${PARTNERS}) p ${q.where}`, q.params);
    return row!.n;
  }

  async get(db: Db, memberId: string): Promise<PartnerView | undefined> {
    return one<PartnerView>(db, `SELECT p.* FROM (${PARTNERS} WHERE m.id = $1) p`, [memberId]);
  }

  async history(db: Db, memberId: string) {
    return rows(
      db,
      `SELECT p.id::text AS id, p.status, p.reason, p.enrollment_id AS "enrollmentId", p.application_id AS "applicationId",
              p.changed_by AS "changedBy", s.email AS "changedByEmail", p.changed_at AS "changedAt"
       FROM partner_status_changes p JOIN members m ON m.key = p.member_key LEFT JOIN staff_users s ON s.id = p.changed_by
       WHERE m.id = $1 ORDER BY p.changed_at DESC, p.id DESC`,
      [memberId],
    );
  }

  async enrollments(db: Db, memberId: string) {
    return rows(
      db,
      `SELECT e.id, e.enrolled_at AS "enrolledAt", e.left_at AS "leftAt"
       FROM enrollments e JOIN members m ON m.key = e.member_key WHERE m.id = $1 ORDER BY e.enrolled_at DESC, e.id DESC`,
      [memberId],
    );
  }

  /**
   * Locks the member's open enrollment (serializing status changes), then reads its current
   * status in a second statement: under READ COMMITTED that one sees what a change that held
   * the lock before us committed.
   */
  async lockOpenEnrollment(db: Db, memberId: string): Promise<OpenEnrollment | undefined> {
    const locked = await one<{ enrollmentId: string; memberKey: number }>(
      db,
      `SELECT e.id AS "enrollmentId", e.member_key AS "memberKey"
       FROM enrollments e JOIN members m ON m.key = e.member_key
       WHERE m.id = $1 AND e.left_at IS NULL
       ORDER BY e.enrolled_at DESC, e.id DESC LIMIT 1
       FOR UPDATE OF e`,
      [memberId],
    );
    if (!locked) return undefined;
    const current = await one<{ status: PartnerStatus }>(
      db,
      `SELECT status FROM partner_status_changes WHERE enrollment_id = $1 ORDER BY changed_at DESC, id DESC LIMIT 1`,
      [locked.enrollmentId],
    );
    return { ...locked, status: current?.status ?? 'active' };
  }

  async recordStatus(db: Db, e: OpenEnrollment, status: PartnerStatus, reason: string, actorId: string): Promise<void> {
    await db.query(
      `INSERT INTO partner_status_changes (member_key, enrollment_id, status, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`,
      [e.memberKey, e.enrollmentId, status, reason, actorId],
    );
  }

  async endEnrollment(db: Db, enrollmentId: string): Promise<void> {
    await db.query(`UPDATE enrollments SET left_at = now() WHERE id = $1 AND left_at IS NULL`, [enrollmentId]);
  }
}
