import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPage } from '../../core/src/database/list-page.js';
import { one } from '../../core/src/database/sql.js';
import type { ListSpec } from '../../core/src/http/list-query.js';
import { INTEGRITY_TRIGGERS, type IntegrityTrigger } from './integrity-checks.js';
import type { IntegrityCheckResult } from './integrity.service.js';

type Db = DataSource | EntityManager;

/** A stored run of the checks, as the API gives it. */
export interface IntegrityRun {
  id: string;
  runKey: string;
  trigger: IntegrityTrigger;
  requestedBy: string | null;
  requestedByEmail: string | null;
  checkedAt: string;
  ok: boolean;
  /** Every check with its outcome and how many offenders it named (at most 50 are kept). */
  checks: { check: string; ok: boolean; offendingCount: number }[];
  /** The failed checks with what they name (entries, authors, statements, runs). */
  failures: { check: string; offending: unknown[] }[];
}

export const RUNS: ListSpec = {
  resource: 'ledger-integrity-runs',
  key: 'ir.id',
  defaultSort: ['checkedAt', 'DESC'],
  sort: { id: 'ir.id', checkedAt: 'ir.checked_at', ok: 'ir.ok', trigger: 'ir.trigger' },
  filters: {
    id: { column: 'ir.id', type: 'bigint' },
    ok: { column: 'ir.ok', type: 'bool' },
    trigger: { column: 'ir.trigger', type: 'text', values: INTEGRITY_TRIGGERS },
    checkedAt: { column: 'ir.checked_at', type: 'timestamp' },
  },
  notNull: ['id', 'checkedAt', 'ok', 'trigger'],
};
const COLUMNS = `ir.id::text AS id, ir.run_key AS "runKey", ir.trigger, ir.requested_by AS "requestedBy", su.email AS "requestedByEmail",
  ir.checked_at AS "checkedAt", ir.ok, ir.checks, ir.failures`;
const FROM = `ledger_integrity_runs ir LEFT JOIN staff_users su ON su.id = ir.requested_by`;

/** The stored outcomes of the integrity checks (append-only). */
@Injectable()
export class IntegrityRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByKey(runKey: string, db: Db = this.dataSource) {
    return one<IntegrityRun>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE ir.run_key = $1`, [runKey]);
  }

  /** Stores a run unless one with its key exists (then nothing is written): the stored row, and whether it is new. */
  async insertOnce(
    m: EntityManager,
    run: Pick<IntegrityRun, 'runKey' | 'trigger' | 'requestedBy' | 'checkedAt' | 'ok' | 'checks' | 'failures'>,
  ): Promise<{ id: string } | undefined> {
    return one<{ id: string }>(
      m,
      `INSERT INTO ledger_integrity_runs (run_key, trigger, requested_by, checked_at, ok, checks, failures)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb) ON CONFLICT (run_key) DO NOTHING RETURNING id::text AS id`,
      [run.runKey, run.trigger, run.requestedBy, run.checkedAt, run.ok, JSON.stringify(run.checks), JSON.stringify(run.failures)],
    );
  }

  get(id: string, db: Db = this.dataSource) {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(undefined);
    return one<IntegrityRun>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE ir.id = $1`, [id]);
  }

  latest(db: Db = this.dataSource) {
    return one<IntegrityRun>(db, `SELECT ${COLUMNS} FROM ${FROM} ORDER BY ir.checked_at DESC, ir.id DESC LIMIT 1`);
  }

  list(query: Record<string, unknown>) {
    return queryPage<IntegrityRun>(this.dataSource, RUNS, query, { select: COLUMNS, from: FROM });
  }
}

/** A stored run's columns from a result of the checks. */
export const storedOutcome = (checks: IntegrityCheckResult[]) => ({
  checks: checks.map((c) => ({ check: c.check, ok: c.ok, offendingCount: c.offending.length })),
  failures: checks.filter((c) => !c.ok).map((c) => ({ check: c.check, offending: c.offending })),
});
