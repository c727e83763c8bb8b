import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journal partitioned by run (issue 17: ledger writes must add at most 10 % to approving
 * a run). A run's approval lines are written when the run is computed, into a table of their
 * own that is already append-only and balance-checked (libs/ledger/src/approval-partition.ts);
 * approving the run attaches that table as the run's partition: a catalog change, not 65k row
 * inserts. Until then its lines are not in `ledger_entries`.
 *
 * The existing table becomes the partition of lines without a run (and of the runs approved
 * before this migration, whose later payout lines go on landing there). The parent has the
 * row trigger refusing UPDATE/DELETE (PostgreSQL clones it onto every partition), the
 * TRUNCATE trigger and the balance check of what is inserted through it; each partition
 * keeps its own TRUNCATE and balance triggers for writes addressed to it directly. The
 * balance check sums the inserted rows only: every earlier statement left its groups at zero,
 * so a group sums to zero after the statement iff the statement's rows of it do (no lookup of
 * the group's earlier rows). Ids stay unique through the one sequence (a partitioned table's
 * primary key would have to include the nullable run id; each partition has its own).
 */
export class LedgerRunPartitions1796280000000 implements MigrationInterface {
  name = 'LedgerRunPartitions1796280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries RENAME TO ledger_entries_base`);
    for (const index of ['pkey', 'group', 'author', 'run']) {
      await q.query(`ALTER INDEX ledger_entries_${index} RENAME TO ledger_entries_base_${index}`);
    }
    await q.query(`DROP TRIGGER ledger_entries_no_update_delete ON ledger_entries_base`); // the parent's, cloned, replaces it
    await q.query(`CREATE TABLE ledger_entries (LIKE ledger_entries_base INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (run_id)`);
    await q.query(`ALTER SEQUENCE ledger_entries_id_seq OWNED BY ledger_entries.id`);
    await q.query(`
      DO $$ DECLARE runs text; BEGIN
        SELECT string_agg(quote_literal(id::text), ', ') INTO runs FROM (
          SELECT id FROM payout_runs WHERE status IN ('approved', 'paid')
          UNION SELECT run_id FROM ledger_entries_base WHERE run_id IS NOT NULL) r;
        EXECUTE 'ALTER TABLE ledger_entries ATTACH PARTITION ledger_entries_base FOR VALUES IN (NULL' || coalesce(', ' || runs, '') || ')';
      END $$`);
    // Attach the base's equal indexes instead of building new ones.
    await q.query(`CREATE INDEX ledger_entries_group ON ledger_entries (group_id, id)`);
    await q.query(`CREATE INDEX ledger_entries_author ON ledger_entries (author_key, id) WHERE author_key IS NOT NULL`);
    await q.query(`CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`);
    await q.query(`CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_groups_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE g uuid; s numeric;
      BEGIN
        SELECT e.group_id, sum(e.amount_micros) INTO g, s FROM new_entries e GROUP BY e.group_id HAVING sum(e.amount_micros) <> 0 LIMIT 1;
        IF g IS NOT NULL THEN
          RAISE EXCEPTION 'ledger group % does not balance (off by % micros)', g, s USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_entries
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_groups_balance()`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
