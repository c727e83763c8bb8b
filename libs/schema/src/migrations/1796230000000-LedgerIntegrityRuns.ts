import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each run of the ledger's integrity checks (issue 17), scheduled or asked for by finance:
 * when, whether every check held, and the failed checks with the entries, authors,
 * statements or runs they name. `run_key` makes a scheduled day's run happen once.
 */
export class LedgerIntegrityRuns1796230000000 implements MigrationInterface {
  name = 'LedgerIntegrityRuns1796230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_integrity_runs (
        id bigserial PRIMARY KEY,
        run_key text NOT NULL UNIQUE CHECK (length(run_key) BETWEEN 1 AND 200),
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        requested_by uuid,
        checked_at timestamptz NOT NULL,
        ok boolean NOT NULL,
        checks jsonb NOT NULL,
        failures jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_integrity_runs_checked ON ledger_integrity_runs (checked_at DESC, id DESC)`);
    await q.query(
      `CREATE TRIGGER ledger_integrity_runs_no_update_delete BEFORE UPDATE OR DELETE ON ledger_integrity_runs FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
