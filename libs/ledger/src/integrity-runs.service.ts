import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/src/auth/access.decorators.js';
import { AuditService } from '../../core/src/audit/audit.service.js';
import { notFound } from '../../core/src/http/errors.js';
import type { IntegrityTrigger } from './integrity-checks.js';
import { IntegrityRunsRepository, storedOutcome, type IntegrityRun } from './integrity-runs.repository.js';
import { IntegrityService } from './integrity.service.js';

/**
 * Runs of the integrity checks, each stored with its outcome. A run key is run once: a
 * scheduled day's job that runs again (retry, duplicate) returns the stored run and writes
 * nothing; so does a repeated "run checks now" with the same Idempotency-Key.
 */
@Injectable()
export class IntegrityRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrity: IntegrityService,
    private readonly repo: IntegrityRunsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The run stored under `runKey`, running the checks first if there is none. */
  async runOnce(runKey: string, trigger: IntegrityTrigger, actor: Actor | null): Promise<{ run: IntegrityRun; created: boolean }> {
    const existing = await this.repo.findByKey(runKey);
    if (existing) return { run: existing, created: false };
    // the checks read one snapshot in their own read-only transaction; the outcome is written after
    const result = await this.integrity.run();
    const created = await this.dataSource.transaction(async (m) => {
      const inserted = await this.repo.insertOnce(m, {
        runKey,
        trigger,
        requestedBy: actor?.id ?? null,
        checkedAt: result.checkedAt,
        ok: result.ok,
        ...storedOutcome(result.checks),
      });
      if (inserted && actor) {
        const failed = result.checks.filter((c) => !c.ok).map((c) => c.check);
        await this.audit.record(m, actor, {
          action: 'ledger.integrity.run',
          entityType: 'ledger-integrity-run',
          entityId: inserted.id,
          after: { ok: result.ok, failed },
        });
      }
      return inserted !== undefined;
    });
    const run = await this.repo.findByKey(runKey);
    if (!run) throw notFound('integrity run', runKey);
    return { run, created };
  }

  async get(id: string) {
    const run = await this.repo.get(id);
    if (!run) throw notFound('integrity run', id);
    return run;
  }

  /** The latest stored run, or null before the first. */
  async latest() {
    return (await this.repo.latest()) ?? null;
  }

  list(query: Record<string, unknown>) {
    return this.repo.list(query);
  }
}
