import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { badInput, notFound } from '../../core/src/http/errors.js';
import {
  DEFAULT_INTEGRITY_PARAMETERS,
  INTEGRITY_PARAMETER_FIELDS,
  integrityParameterProblems,
  type IntegrityParameters,
  type UpdateIntegrityParametersDto,
} from './integrity-parameters.js';
import { IntegrityParametersRepository } from './integrity-parameters.repository.js';

export interface IntegrityParameterSetView {
  version: number;
  params: IntegrityParameters;
  createdAt: Date | null;
  createdBy: string | null;
  createdByEmail: string | null;
}

const DEFAULTS: IntegrityParameterSetView = {
  version: 0,
  params: DEFAULT_INTEGRITY_PARAMETERS,
  createdAt: null,
  createdBy: null,
  createdByEmail: null,
};

/** The current thresholds (version 0: the defaults, before any change), their history and changes (admin, audited). */
@Injectable()
export class IntegrityParametersService {
  constructor(
    private readonly repo: IntegrityParametersRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async current(db?: DataSource | EntityManager): Promise<IntegrityParameterSetView> {
    const row = await this.repo.latest(db);
    if (!row) return DEFAULTS;
    return { ...row, params: { ...DEFAULT_INTEGRITY_PARAMETERS, ...row.params } };
  }

  /** One stored version (0: the defaults). */
  async version(version: number): Promise<IntegrityParameterSetView> {
    if (version === 0) return DEFAULTS;
    const row = await this.repo.byVersion(version);
    if (!row) throw notFound('integrity parameter version', String(version));
    return { ...row, params: { ...DEFAULT_INTEGRITY_PARAMETERS, ...row.params } };
  }

  async history(): Promise<IntegrityParameterSetView[]> {
    return (await this.repo.history()).map((r) => ({ ...r, params: { ...DEFAULT_INTEGRITY_PARAMETERS, ...r.params } }));
  }

  /** A new version from the current one with the given fields; nothing written when nothing changes. */
  update(actor: Actor, dto: UpdateIntegrityParametersDto): Promise<IntegrityParameterSetView> {
    return this.dataSource.transaction(async (m) => {
      await this.repo.lock(m);
      const before = await this.current(m);
      const given = Object.fromEntries(INTEGRITY_PARAMETER_FIELDS.filter((f) => dto[f] !== undefined).map((f) => [f, dto[f]!]));
      const after = { ...before.params, ...given } as IntegrityParameters;
      const problems = integrityParameterProblems(after as unknown as Record<string, unknown>);
      if (problems.length > 0) throw badInput(`${problems[0].field} ${problems[0].message}`, problems);
      const changed = INTEGRITY_PARAMETER_FIELDS.filter((f) => after[f] !== before.params[f]);
      if (changed.length === 0) return before;
      const stored = await this.repo.insert(m, after as unknown as Record<string, number>, actor.id);
      await this.audit.record(m, actor, {
        action: 'integrity-parameters.update',
        entityType: 'integrity_parameter_set',
        entityId: String(stored.version),
        before: Object.fromEntries(changed.map((f) => [f, before.params[f]])),
        after: Object.fromEntries(changed.map((f) => [f, after[f]])),
      });
      return { ...stored, params: after };
    });
  }
}
