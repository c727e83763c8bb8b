import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { queryPage } from '../../core/src/database/list-page.js';
import { one } from '../../core/src/database/sql.js';
import { badInput, conflict, notFound } from '../../core/src/http/errors.js';
import type { ListSpec } from '../../core/src/http/list-query.js';
import type { CreateAdjustmentDto } from './payouts.dto.js';
import { withMoney } from './payouts.read.js';

const LIST: ListSpec = {
  resource: 'adjustments',
  key: 'ad.id',
  defaultSort: ['createdAt', 'DESC'],
  sort: { createdAt: 'ad.created_at', period: 'ad.period', amountMicros: 'ad.amount_micros', authorId: 'au.id' },
  filters: {
    id: { column: 'ad.id', type: 'uuid' },
    authorId: { column: 'au.id', type: 'text' },
    period: { column: 'ad.period', type: 'text' },
  },
  search: ['ad.reason', 'au.id'],
};
const COLUMNS = `ad.id, au.id AS "authorId", au.name AS "authorName", ad.period, ad.amount_micros::text AS "amountMicros", ad.reason,
  ad.created_by AS "createdBy", cb.email AS "createdByEmail", ad.created_at AS "createdAt"`;
const FROM = `adjustments ad JOIN members au ON au.key = ad.author_key LEFT JOIN staff_users cb ON cb.id = ad.created_by`;
const MONEY = ['amountMicros'];

/** Manual statement line items (finance), for periods whose run is not yet approved. */
@Injectable()
export class AdjustmentsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  list(query: Record<string, unknown>) {
    return queryPage(this.dataSource, LIST, query, { select: COLUMNS, from: FROM, map: (row) => withMoney(row, MONEY) });
  }

  async get(id: string) {
    const row = await one(this.dataSource, `SELECT ${COLUMNS} FROM ${FROM} WHERE ad.id = $1`, [id]);
    if (!row) throw notFound('adjustment', id);
    return withMoney(row, MONEY);
  }

  async create(actor: Actor, dto: CreateAdjustmentDto) {
    if (!Number.isSafeInteger(dto.amountMicros)) throw badInput('amountMicros is out of range', [{ field: 'amountMicros', message: 'out of range' }]);
    const id = await this.dataSource.transaction(async (m) => {
      const author = await one<{ key: number }>(m, `SELECT key FROM members WHERE id = $1`, [dto.authorId]);
      if (!author) throw badInput(`unknown author ${dto.authorId}`, [{ field: 'authorId', message: 'unknown member' }]);
      // Lock the period's run row (if any) so an approval cannot slip in between.
      const run = await one<{ status: string }>(m, `SELECT status FROM payout_runs WHERE period = $1 FOR UPDATE`, [dto.period]);
      if (run && ['approved', 'paid'].includes(run.status)) {
        throw conflict(`the ${dto.period} run is ${run.status}; add the adjustment to a later period`);
      }
      const row = (await one<{ id: string }>(
        m,
        `INSERT INTO adjustments (author_key, period, amount_micros, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [author.key, dto.period, String(dto.amountMicros), dto.reason, actor.id],
      ))!;
      await this.audit.record(m, actor, { action: 'adjustment.create', entityType: 'adjustment', entityId: row.id, after: dto, reason: dto.reason });
      return row.id;
    });
    return this.get(id);
  }
}
