import { Injectable } from '@nestjs/common';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { badInput, conflict, notFound } from '../../core/src/http/errors.js';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import { micros } from '../../core/src/money/money.js';
import { AdjustmentsRepository } from './adjustments.repository.js';
import { isFinalRun } from './payout-rules.js';
import type { CreateAdjustmentDto } from './payouts.dto.js';

/** Manual statement line items (finance), for periods whose run is not yet approved. */
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly repo: AdjustmentsRepository,
    private readonly audit: AuditService,
    private readonly scope: TransactionScope,
  ) {}

  list(query: Record<string, unknown>) {
    return this.repo.list(query);
  }

  async get(id: string) {
    const row = await this.repo.get(id, this.scope.db);
    if (!row) throw notFound('adjustment', id);
    return row;
  }

  async create(actor: Actor, dto: CreateAdjustmentDto) {
    if (!Number.isSafeInteger(dto.amountMicros))
      throw badInput('amountMicros is out of range', [{ field: 'amountMicros', message: 'out of range' }]);
    const id = await this.scope.run(async (m) => {
      const authorKey = await this.repo.authorKey(m, dto.authorId);
      if (authorKey === undefined) throw badInput(`unknown author ${dto.authorId}`, [{ field: 'authorId', message: 'unknown member' }]);
      const status = await this.repo.lockRunOfPeriod(m, dto.period);
      if (status && isFinalRun(status)) throw conflict(`the ${dto.period} run is ${status}; add the adjustment to a later period`);
      const created = await this.repo.insert(m, {
        authorKey,
        period: dto.period,
        amountMicros: micros(dto.amountMicros),
        reason: dto.reason,
        createdBy: actor.id,
      });
      await this.audit.record(m, actor, {
        action: 'adjustment.create',
        entityType: 'adjustment',
        entityId: created,
        after: dto,
        reason: dto.reason,
      });
      return created;
    });
    return this.get(id);
  }
}
