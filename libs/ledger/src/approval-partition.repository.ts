import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { one, rows } from '../../core/src/database/sql.js';
import { LINE_COLUMNS, approvalLinesSql } from './journal-sql.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The table of a run attempt's approval lines (a partition of `ledger_entries` once the run is approved). */
export function approvalPartition(runId: string, attempt: number): string {
  if (!UUID.test(runId) || !Number.isSafeInteger(attempt) || attempt < 1) throw new Error(`not a run attempt: ${runId} #${attempt}`);
  return `ledger_run_${runId.replace(/-/g, '')}_${attempt}`;
}

/**
 * A run's approval lines as a partition of the journal (migration 1796280000000): written
 * when the run is computed into a table that is append-only and balance-checked from its
 * creation (the same triggers as the journal's), with the journal's indexes and a CHECK that
 * proves the partition bound; approving the run attaches it, which costs no row writes and
 * no scan. Table names are built from a run id and attempt only (never from input).
 */
@Injectable()
export class ApprovalPartitionRepository {
  /**
   * Writes the lines of run `runId`'s current attempt, if it is computed (the run row is
   * locked against a concurrent approval), replacing what earlier attempts wrote. Returns
   * the table, or null when the run is not computed (an older attempt's job).
   */
  async stage(m: EntityManager, runId: string, attempt: number): Promise<string | null> {
    const run = await one(m, `SELECT 1 FROM payout_runs WHERE id = $1 AND attempt = $2 AND status = 'computed' FOR SHARE`, [
      runId,
      attempt,
    ]);
    if (!run) return null;
    const table = approvalPartition(runId, attempt);
    const earlier = await rows<{ name: string }>(
      m,
      `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND NOT relispartition
         AND starts_with(relname, $1) AND relname <> $2`,
      [table.replace(/\d+$/, ''), table],
    );
    await m.query(`DROP TABLE IF EXISTS ${[table, ...earlier.map((e) => e.name)].join(', ')}`);
    await this.write(m, runId, table);
    return table;
  }

  /** Attaches the run's approval lines to the journal (writing them first if the computation did not). Call once, when the run is approved. */
  async attach(m: EntityManager, runId: string): Promise<void> {
    const { attempt } = (await one<{ attempt: number }>(m, `SELECT attempt FROM payout_runs WHERE id = $1`, [runId]))!;
    const table = approvalPartition(runId, attempt);
    const staged = await one(m, `SELECT 1 FROM pg_class WHERE oid = to_regclass($1) AND NOT relispartition`, [table]);
    if (!staged) await this.write(m, runId, table);
    // ATTACH waits for an exclusive lock on the table: a vacuum or reader holding it answers 409, never an approval that hangs.
    await m.query(`SET LOCAL lock_timeout = '10s'`);
    await m.query(`ALTER TABLE ledger_entries ATTACH PARTITION ${table} FOR VALUES IN ('${runId}')`);
    await m.query(`SET LOCAL lock_timeout TO DEFAULT`);
  }

  /** The table, its triggers, the lines of the run's approval (checked to balance as they are inserted), then the indexes. */
  private async write(m: EntityManager, runId: string, table: string): Promise<void> {
    await m.query(
      `CREATE TABLE ${table} (LIKE ledger_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
         CONSTRAINT ${table}_run CHECK (run_id IS NOT NULL AND run_id = '${runId}'::uuid))`,
    );
    await m.query(
      `CREATE TRIGGER ledger_partition_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`,
    );
    await m.query(
      `CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change()`,
    );
    await m.query(
      `CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_entries
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_groups_balance()`,
    );
    await m.query(
      `INSERT INTO ${table} (${LINE_COLUMNS}) ${approvalLinesSql('SELECT id, period, pool_micros, unallocated_micros FROM payout_runs WHERE id = $1')}`,
      [runId],
    );
    await m.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id)`);
    await m.query(`CREATE INDEX ${table}_group ON ${table} (group_id, id)`);
    await m.query(`CREATE INDEX ${table}_author ON ${table} (author_key, id) WHERE author_key IS NOT NULL`);
  }
}
