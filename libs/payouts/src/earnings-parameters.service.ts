import { Injectable } from '@nestjs/common';
import stringify from 'safe-stable-stringify';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { badInput, ruleViolation } from '../../core/src/http/errors.js';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import {
  DEFAULT_PARAMETER_SECTIONS,
  flatView,
  parameterSetProblems,
  sectionOf,
  SECTION_NAMES,
  type ParameterSections,
  type SectionName,
  type UpdateEarningsParametersDto,
} from './earnings-parameters.js';
import { EarningsParametersRepository, type StoredParameterSet } from './earnings-parameters.repository.js';

export interface ParameterSet {
  version: number;
  params: ParameterSections;
  createdAt: Date | null;
  createdBy: string | null;
  createdByName?: string | null;
  createdByEmail?: string | null;
}

/** One value a version changed, from the version before it (the defaults for the first). */
export interface ParameterChange {
  field: string;
  from: number | string | null;
  to: number | string | null;
}

/** What `after` changed from `before`, field by field in the flat view (the API's names). */
export function parameterChanges(before: ParameterSections, after: ParameterSections): ParameterChange[] {
  const a = flatView(before);
  const b = flatView(after);
  return Object.keys(b)
    .filter((k) => a[k] !== b[k])
    .map((field) => ({ field, from: a[field] ?? null, to: b[field] }));
}

/** A stored set with the defaults of any field added after it was written. */
function complete(stored: StoredParameterSet): ParameterSet {
  const params = Object.fromEntries(
    SECTION_NAMES.map((s) => [s, { ...DEFAULT_PARAMETER_SECTIONS[s], ...((stored.params[s] as object | undefined) ?? {}) }]),
  ) as unknown as ParameterSections;
  return { ...stored, params };
}

/**
 * The versioned parameter set: admins change it for future work; each run keeps its own
 * copy; each domain reads its own section (`section`). A change that changes nothing
 * writes nothing (no version, no audit entry).
 */
@Injectable()
export class EarningsParametersService {
  constructor(
    private readonly repo: EarningsParametersRepository,
    private readonly audit: AuditService,
    private readonly scope: TransactionScope,
  ) {}

  async current(db: DataSource | EntityManager = this.scope.db): Promise<ParameterSet> {
    const row = await this.repo.latest(db);
    return row ? complete(row) : { version: 0, params: DEFAULT_PARAMETER_SECTIONS, createdAt: null, createdBy: null };
  }

  /** One domain's section of the current set. */
  async section<S extends SectionName>(name: S, db?: DataSource | EntityManager): Promise<ParameterSections[S]> {
    return (await this.current(db)).params[name];
  }

  /** Every stored version, newest first, with who stored it and what it changed (the first: from the defaults). */
  async history(): Promise<(ParameterSet & { changes: ParameterChange[] })[]> {
    const versions = (await this.repo.history()).map(complete);
    return versions.map((v, i) => ({
      ...v,
      changes: parameterChanges(versions[i + 1]?.params ?? DEFAULT_PARAMETER_SECTIONS, v.params),
    }));
  }

  async update(actor: Actor, dto: UpdateEarningsParametersDto): Promise<ParameterSet> {
    return this.scope.run(async (m) => {
      await this.repo.lock(m);
      const before = await this.current(m);
      const params = Object.fromEntries(SECTION_NAMES.map((s) => [s, { ...before.params[s] }])) as unknown as ParameterSections;
      for (const [field, value] of Object.entries(dto)) {
        const section = sectionOf(field);
        if (section && value !== undefined) (params[section] as unknown as Record<string, unknown>)[field] = value;
      }
      // The whole set, not only the fields sent: a set that would break a run is never stored.
      const problems = parameterSetProblems(params);
      if (problems.length) throw badInput(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
      if (params.payout.readRatioMinBps > params.payout.readRatioMaxBps) {
        throw ruleViolation('read_ratio_bounds', 'readRatioMinBps must not exceed readRatioMaxBps');
      }
      if (stringify(params) === stringify(before.params)) return before; // nothing changes: nothing is written
      const row = complete(await this.repo.insert(m, params, actor.id));
      await this.audit.record(m, actor, {
        action: 'earnings-parameters.update',
        entityType: 'earnings-parameters',
        entityId: String(row.version),
        before: flatView(before.params),
        after: flatView(params),
      });
      return row;
    });
  }
}
