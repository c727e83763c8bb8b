import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPage } from '../../core/src/database/list-page.js';
import { one } from '../../core/src/database/sql.js';
import type { ListSpec } from '../../core/src/http/list-query.js';
import { withMoney } from './payouts.read.js';

export const ADJUSTMENT_LIST: ListSpec = {
  resource: 'adjustments',
  key: 'ad.id',
  defaultSort: ['createdAt', 'DESC'],
  sort: { createdAt: 'ad.created_at', period: 'ad.period', amountMicros: 'ad.amount_micros', authorId: 'au.id' },
  filters: {
    id: { column: 'ad.id', type: 'uuid' },
    authorId: { column: 'au.id', type: 'text' },
    period: { column: 'ad.period', type: 'period' },
  },
  search: ['ad.reason', 'au.id'],
};
const COLUMNS = `ad.id, au.id AS "authorId", au.name AS "authorName", ad.period, ad.amount_micros::text AS "amountMicros", ad.reason,
  ad.created_by AS "createdBy", cb.email AS "createdByEmail", ad.created_at AS "createdAt"`;
const FROM = `adjustments ad JOIN members au ON au.key = ad.author_key LEFT JOIN staff_users cb ON cb.id = ad.created_by`;
const MONEY = ['amountMicros'];

/** Manual statement line items (adjustments). */
@Injectable()
export class AdjustmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(query: Record<string, unknown>) {
    return queryPage(this.dataSource, ADJUSTMENT_LIST, query, { select: COLUMNS, from: FROM, map: (row) => withMoney(row, MONEY) });
  }

  async get(id: string, db: DataSource | EntityManager = this.dataSource) {
    const row = await one(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE ad.id = $1`, [id]);
    return row && withMoney(row, MONEY);
  }

  async authorKey(m: EntityManager, authorId: string): Promise<number | undefined> {
    return (await one<{ key: number }>(m, `SELECT key FROM members WHERE id = $1`, [authorId]))?.key;
  }

  /** Locks the period's run row (if any) so that an approval cannot slip in between; its status. */
  async lockRunOfPeriod(m: EntityManager, period: string): Promise<string | undefined> {
    return (await one<{ status: string }>(m, `SELECT status FROM payout_runs WHERE period = $1 FOR UPDATE`, [period]))?.status;
  }

  async insert(
    m: EntityManager,
    a: { authorKey: number; period: string; amountMicros: bigint; reason: string; createdBy: string },
  ): Promise<string> {
    const row = await one<{ id: string }>(
      m,
      `INSERT INTO adjustments (author_key, period, amount_micros, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [a.authorKey, a.period, a.amountMicros.toString(), a.reason, a.createdBy],
    );
    return row!.id;
  }
}
