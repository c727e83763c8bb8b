import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type ListQuery, type ListSpec } from '../../core/src/index.js';
import { TICKET_CATEGORIES, TICKET_SOURCES, TICKET_STATUSES } from './ticket.entity.js';

type Db = DataSource | EntityManager;

export interface TicketView {
  id: string;
  memberId: string;
  memberName: string;
  memberUsername: string;
  category: string;
  subject: string;
  body: string;
  storyId: string | null;
  storyTitle: string | null;
  period: string | null;
  status: string;
  assigneeId: string | null;
  assigneeEmail: string | null;
  resolution: string | null;
  resolvedAt: Date | null;
  source: string;
  openedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  ageDays: number;
}

export interface NoteView {
  id: string;
  ticketId: string;
  body: string;
  authorId: string;
  authorEmail: string | null;
  createdAt: Date;
}

/** Whole days since the ticket arrived. */
const AGE_DAYS = `floor(extract(epoch FROM (now() - t.created_at)) / 86400)::int`;
/** Open first, then pending, then resolved; oldest first within each. */
const QUEUE = `ROW(CASE t.status WHEN 'open' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, t.created_at)`;

export const TICKET_LIST: ListSpec = {
  resource: 'tickets',
  key: 't.id',
  defaultSort: ['queue', 'ASC'],
  sort: {
    queue: QUEUE,
    id: 't.id',
    createdAt: 't.created_at',
    updatedAt: 't.updated_at',
    ageDays: AGE_DAYS,
    status: 't.status',
    category: 't.category',
    period: 't.period',
    memberId: 'm.id',
    resolvedAt: 't.resolved_at',
  },
  filters: {
    id: { column: 't.id', type: 'text' },
    status: { column: 't.status', type: 'text', values: TICKET_STATUSES },
    category: { column: 't.category', type: 'text', values: TICKET_CATEGORIES },
    source: { column: 't.source', type: 'text', values: TICKET_SOURCES },
    assigneeId: { column: 't.assignee_id', type: 'uuid' },
    assigned: { column: '(t.assignee_id IS NOT NULL)', type: 'bool' },
    memberId: { column: 'm.id', type: 'text' },
    storyId: { column: 's.id', type: 'text' },
    period: { column: 't.period', type: 'period' },
    createdAt: { column: 't.created_at', type: 'timestamp' },
    resolvedAt: { column: 't.resolved_at', type: 'timestamp' },
    ageDays: { column: AGE_DAYS, type: 'int' },
  },
  search: ['t.id', 't.subject', 't.body', 'm.id', 'm.name', 'm.username', 'm.email', 's.title'],
};

const FROM = `tickets t JOIN members m ON m.key = t.member_key LEFT JOIN stories s ON s.key = t.story_key LEFT JOIN staff_users a ON a.id = t.assignee_id`;

const COLUMNS = `t.id, m.id AS "memberId", m.name AS "memberName", m.username AS "memberUsername", t.category, t.subject, t.body,
  s.id AS "storyId", s.title AS "storyTitle", t.period, t.status, t.assignee_id AS "assigneeId", a.email AS "assigneeEmail",
  t.resolution, t.resolved_at AS "resolvedAt", t.source, t.opened_by AS "openedBy", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt", ${AGE_DAYS} AS "ageDays"`;

export interface TicketChange {
  status?: string;
  assigneeId?: string | null;
  period?: string | null;
  category?: string;
  storyKey?: number | null;
  resolution?: string | null;
  /** true: set resolved_at = now(); false: clear it; undefined: keep. */
  resolved?: boolean;
}

/** Tickets and their internal notes: the only place with their SQL. */
@Injectable()
export class TicketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(q: ListQuery): Promise<(TicketView & { total: string })[]> {
    return rows(
      this.dataSource,
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${FROM} ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    const row = await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM ${FROM} ${q.where}`, q.params);
    return row!.n;
  }

  get(db: Db, id: string): Promise<TicketView | undefined> {
    return one<TicketView>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = $1`, [id]);
  }

  /** Locks the ticket row for a change; its member key and story key for the rules. */
  lock(m: EntityManager, id: string): Promise<{ id: string; status: string; memberKey: number; resolution: string | null } | undefined> {
    return one(m, `SELECT id, status, member_key AS "memberKey", resolution FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The member key and (when given) the key of a story by that member. */
  memberKey(db: Db, memberId: string): Promise<number | undefined> {
    return one<{ key: number }>(db, `SELECT key FROM members WHERE id = $1`, [memberId]).then((r) => r?.key);
  }

  story(db: Db, storyId: string): Promise<{ key: number; authorKey: number } | undefined> {
    return one(db, `SELECT key, author_key AS "authorKey" FROM stories WHERE id = $1`, [storyId]);
  }

  /** An active staff account and its roles (null when unknown or disabled). */
  staff(db: Db, id: string): Promise<{ id: string; roles: string[] } | undefined> {
    return one(db, `SELECT id, roles FROM staff_users WHERE id = $1 AND NOT disabled`, [id]);
  }

  async insert(
    m: EntityManager,
    t: {
      id: string;
      memberKey: number;
      category: string;
      subject: string;
      body: string;
      storyKey: number | null;
      period: string | null;
      assigneeId: string | null;
      openedBy: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO tickets (id, member_key, category, subject, body, story_key, period, created_at, status, assignee_id, source, opened_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), 'open', $8, 'support', $9, now())`,
      [t.id, t.memberKey, t.category, t.subject, t.body, t.storyKey, t.period, t.assigneeId, t.openedBy],
    );
  }

  async update(m: EntityManager, id: string, c: TicketChange): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (c.status !== undefined) set('status', c.status);
    if (c.assigneeId !== undefined) set('assignee_id', c.assigneeId);
    if (c.period !== undefined) set('period', c.period);
    if (c.category !== undefined) set('category', c.category);
    if (c.storyKey !== undefined) set('story_key', c.storyKey);
    if (c.resolution !== undefined) set('resolution', c.resolution);
    if (c.resolved === true) sets.push('resolved_at = now()');
    if (c.resolved === false) sets.push('resolved_at = NULL');
    await m.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async touch(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE tickets SET updated_at = now() WHERE id = $1`, [id]);
  }

  addNote(m: EntityManager, ticketId: string, authorId: string, body: string): Promise<NoteView | undefined> {
    return one<NoteView>(
      m,
      `WITH n AS (INSERT INTO ticket_notes (ticket_id, author_id, body) VALUES ($1, $2, $3) RETURNING *)
       SELECT n.id, n.ticket_id AS "ticketId", n.body, n.author_id AS "authorId", s.email AS "authorEmail", n.created_at AS "createdAt"
       FROM n LEFT JOIN staff_users s ON s.id = n.author_id`,
      [ticketId, authorId, body],
    );
  }

  notes(db: Db, ticketId: string): Promise<NoteView[]> {
    return rows<NoteView>(
      db,
      `SELECT n.id, n.ticket_id AS "ticketId", n.body, n.author_id AS "authorId", s.email AS "authorEmail", n.created_at AS "createdAt"
       FROM ticket_notes n LEFT JOIN staff_users s ON s.id = n.author_id
       WHERE n.ticket_id = $1 ORDER BY n.created_at, n.id`,
      [ticketId],
    );
  }
}
