import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import { micros, type Micros } from '../../../core/src/money/money.js';
import type { PayoutState } from '../payout-rules.js';
import type { ClassifiedLine, RunPayout } from './settlement-classify.js';

type Db = DataSource | EntityManager;

export interface StoredSettlementFile {
  id: string;
  runId: string;
  sha256: string;
  fileName: string | null;
  appliedBy: string;
  appliedByEmail: string | null;
  lineCount: number;
  counts: unknown;
  appliedCount: number;
  appliedMicros: string;
  appliedAt: string;
}

const FILE_COLUMNS = `f.id, f.run_id AS "runId", f.sha256, f.file_name AS "fileName", f.applied_by AS "appliedBy", su.email AS "appliedByEmail",
  f.line_count AS "lineCount", f.counts, f.applied_count AS "appliedCount", f.applied_micros::text AS "appliedMicros", f.applied_at AS "appliedAt"`;
const FILE_FROM = `settlement_files f LEFT JOIN staff_users su ON su.id = f.applied_by`;

/** The settlement files' SQL: the run's payouts as the file names them, and the stored files and lines. */
@Injectable()
export class SettlementRepository {
  constructor(private readonly dataSource: DataSource) {}

  run(db: Db, runId: string): Promise<{ id: string; status: string; period: string } | undefined> {
    return one(db, `SELECT id, status, period FROM payout_runs WHERE id = $1`, [runId]);
  }

  /** The run's payouts (statements with a payout state) with their author id and amount; `lock`: FOR UPDATE (applying). */
  async payouts(db: Db, runId: string, lock: boolean): Promise<RunPayout[]> {
    const found = await rows<{
      id: string;
      authorId: string;
      state: PayoutState;
      returned: boolean;
      integrityHold: string | null;
      cents: string;
    }>(
      db,
      `SELECT sm.id, au.id AS "authorId", sm.payout_state AS state, sm.returned_by_run_id IS NOT NULL AS returned,
              CASE WHEN sm.payout_state = 'on_hold' THEN sm.hold_ref END AS "integrityHold", sm.payout_cents::text AS cents
       FROM statements sm JOIN members au ON au.key = sm.author_key
       WHERE sm.run_id = $1 AND sm.payout_state IS NOT NULL ORDER BY sm.id ${lock ? 'FOR UPDATE OF sm' : ''}`,
      [runId],
    );
    return found.map(({ cents, ...p }) => ({ ...p, amountMicros: micros(cents) * 10_000n }));
  }

  findFile(db: Db, runId: string, sha256: string): Promise<StoredSettlementFile | undefined> {
    return one<StoredSettlementFile>(db, `SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE f.run_id = $1 AND f.sha256 = $2`, [runId, sha256]);
  }

  listFiles(runId: string, db: Db = this.dataSource): Promise<StoredSettlementFile[]> {
    return rows<StoredSettlementFile>(db, `SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE f.run_id = $1 ORDER BY f.applied_at DESC, f.id`, [
      runId,
    ]);
  }

  fileOfRun(db: Db, runId: string, fileId: string): Promise<StoredSettlementFile | undefined> {
    return one<StoredSettlementFile>(db, `SELECT ${FILE_COLUMNS} FROM ${FILE_FROM} WHERE f.run_id = $1 AND f.id = $2`, [runId, fileId]);
  }

  /** A stored file's lines in file order (the first `limit`), with the writer each named. */
  fileLines(db: Db, fileId: string, limit: number) {
    return rows(
      db,
      `SELECT l.line, l.reference, l.statement_id AS "statementId", au.id AS "authorId", l.status, l.amount_micros::text AS "amountMicros",
              to_char(l.settled_on, 'YYYY-MM-DD') AS date, l.failure_code AS "failureCode", l.class, l.from_state AS "fromState", l.to_state AS "toState"
       FROM settlement_lines l LEFT JOIN statements sm ON sm.id = l.statement_id LEFT JOIN members au ON au.key = sm.author_key
       WHERE l.file_id = $1 ORDER BY l.line LIMIT $2`,
      [fileId, limit],
    );
  }

  /** Stores the file and its classified lines (one statement each). */
  async insertFile(
    m: EntityManager,
    f: {
      runId: string;
      sha256: string;
      fileName: string | null;
      appliedBy: string;
      counts: unknown;
      appliedCount: number;
      appliedMicros: Micros;
    },
    lines: readonly ClassifiedLine[],
  ): Promise<string> {
    const { id } = (await one<{ id: string }>(
      m,
      `INSERT INTO settlement_files (run_id, sha256, file_name, applied_by, line_count, counts, applied_count, applied_micros)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [f.runId, f.sha256, f.fileName, f.appliedBy, lines.length, JSON.stringify(f.counts), f.appliedCount, f.appliedMicros.toString()],
    ))!;
    await m.query(
      `INSERT INTO settlement_lines (file_id, line, reference, statement_id, status, amount_micros, settled_on, failure_code, class, from_state, to_state)
       SELECT $1, l.line, l.reference, l."statementId", l.status, l.amount::bigint, l.date::date, l."failureCode", l.class, l."from", l."to"
       FROM jsonb_to_recordset($2::jsonb) AS l(line int, reference text, "statementId" uuid, status text, amount text, date text,
         "failureCode" text, class text, "from" text, "to" text)`,
      [
        id,
        JSON.stringify(
          lines.map((l) => ({
            line: l.line,
            reference: l.reference,
            statementId: l.statementId,
            status: l.status,
            amount: l.amountMicros.toString(),
            date: l.date,
            failureCode: l.failureCode,
            class: l.class,
            from: l.class === 'matched' ? l.currentState : null,
            to: l.newState,
          })),
        ),
      ],
    );
    return id;
  }

  /** How many of the run's payouts are still waiting for an outcome. */
  async pendingCount(m: EntityManager, runId: string): Promise<number> {
    const r = await one<{ n: number }>(m, `SELECT count(*)::int AS n FROM statements WHERE run_id = $1 AND payout_state = 'pending'`, [
      runId,
    ]);
    return r?.n ?? 0;
  }
}
