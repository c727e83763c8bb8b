import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type ListQuery, type ListSpec } from '../../core/src/index.js';
import { TICKET_CATEGORIES } from './ticket.entity.js';

type Db = DataSource | EntityManager;

export interface SavedReplyView {
  id: string;
  title: string;
  category: string | null;
  body: string;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const SAVED_REPLY_LIST: ListSpec = {
  resource: 'saved-replies',
  key: 'r.id',
  defaultSort: ['title', 'ASC'],
  sort: { title: 'r.title', category: 'r.category', createdAt: 'r.created_at', updatedAt: 'r.updated_at' },
  filters: {
    id: { column: 'r.id', type: 'uuid' },
    category: { column: 'r.category', type: 'text', values: TICKET_CATEGORIES },
  },
  search: ['r.title', 'r.body'],
};

const COLUMNS = `r.id, r.title, r.category, r.body, r.created_by AS "createdBy", r.updated_by AS "updatedBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

/** Saved replies: the only place with their SQL. */
@Injectable()
export class SavedRepliesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(q: ListQuery): Promise<(SavedReplyView & { total: string })[]> {
    return rows(
      this.dataSource,
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM saved_replies r ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    return (await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM saved_replies r ${q.where}`, q.params))!.n;
  }

  get(db: Db, id: string, lock = false): Promise<SavedReplyView | undefined> {
    return one<SavedReplyView>(db, `SELECT ${COLUMNS} FROM saved_replies r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  }

  /** undefined when the title is taken. */
  insert(
    m: EntityManager,
    r: { title: string; category: string | null; body: string; actorId: string },
  ): Promise<SavedReplyView | undefined> {
    return one<SavedReplyView>(
      m,
      `INSERT INTO saved_replies AS r (title, category, body, created_by, updated_by) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (title) DO NOTHING RETURNING ${COLUMNS}`,
      [r.title, r.category, r.body, r.actorId],
    );
  }

  titleTaken(m: EntityManager, title: string, exceptId: string): Promise<boolean> {
    return one(m, `SELECT 1 FROM saved_replies WHERE title = $1 AND id <> $2`, [title, exceptId]).then((r) => r !== undefined);
  }

  update(
    m: EntityManager,
    id: string,
    r: { title: string; category: string | null; body: string; actorId: string },
  ): Promise<SavedReplyView | undefined> {
    return one<SavedReplyView>(
      m,
      `UPDATE saved_replies AS r SET title = $2, category = $3, body = $4, updated_by = $5, updated_at = now() WHERE r.id = $1 RETURNING ${COLUMNS}`,
      [id, r.title, r.category, r.body, r.actorId],
    );
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM saved_replies WHERE id = $1`, [id]);
  }
}
