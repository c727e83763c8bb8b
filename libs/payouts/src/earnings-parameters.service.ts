import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { one } from '../../core/src/database/sql.js';
import { ruleViolation } from '../../core/src/http/errors.js';
import { DEFAULT_EARNINGS_PARAMETERS, type EarningsParameters, type UpdateEarningsParametersDto } from './earnings-parameters.js';

export interface ParameterSet {
  version: number;
  params: EarningsParameters;
  createdAt: Date | null;
  createdBy: string | null;
}

/** Earnings parameters: versioned; admins change them for future runs; each run keeps its own copy. */
@Injectable()
export class EarningsParametersService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async current(db: DataSource | EntityManager = this.dataSource): Promise<ParameterSet> {
    const row = await one<ParameterSet>(
      db,
      `SELECT version, params, created_at AS "createdAt", created_by AS "createdBy" FROM earnings_parameter_sets ORDER BY version DESC LIMIT 1`,
    );
    // Stored sets are complete, but defaults fill any parameter added after they were written.
    return row ? { ...row, params: { ...DEFAULT_EARNINGS_PARAMETERS, ...row.params } } : { version: 0, params: DEFAULT_EARNINGS_PARAMETERS, createdAt: null, createdBy: null };
  }

  async history(): Promise<ParameterSet[]> {
    return this.dataSource.query(
      `SELECT version, params, created_at AS "createdAt", created_by AS "createdBy" FROM earnings_parameter_sets ORDER BY version DESC`,
    );
  }

  async update(actor: Actor, dto: UpdateEarningsParametersDto): Promise<ParameterSet> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`LOCK TABLE earnings_parameter_sets IN EXCLUSIVE MODE`);
      const before = await this.current(m);
      const params: EarningsParameters = { ...before.params, ...dto };
      if (params.readRatioMinBps > params.readRatioMaxBps) {
        throw ruleViolation('read_ratio_bounds', 'readRatioMinBps must not exceed readRatioMaxBps');
      }
      const row = (await one<ParameterSet>(
        m,
        `INSERT INTO earnings_parameter_sets (params, created_by) VALUES ($1, $2)
         RETURNING version, params, created_at AS "createdAt", created_by AS "createdBy"`,
        [params, actor.id],
      ))!;
      await this.audit.record(m, actor, {
        action: 'earnings-parameters.update',
        entityType: 'earnings-parameters',
        entityId: String(row.version),
        before: before.params,
        after: params,
      });
      return row;
    });
  }
}
