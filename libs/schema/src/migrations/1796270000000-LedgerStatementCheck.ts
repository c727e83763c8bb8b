import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's balance check once per INSERT statement instead of once per row (issue 17:
 * journal lines must add little to approving a run; per row, the check was one plpgsql call
 * and an index lookup for each of a run's ~65k lines, more than the approval itself). A group
 * is written by one statement (every writer does), so "each group a statement writes sums to
 * zero when the statement ends" is the same rule, checked with one aggregate. The index by
 * account is dropped: every author line has author_key (indexed), and the few system
 * accounts' lines are found by run or group; it cost as much as the rows themselves.
 */
export class LedgerStatementCheck1796270000000 implements MigrationInterface {
  name = 'LedgerStatementCheck1796270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_entries_balanced ON ledger_entries`);
    await q.query(`DROP FUNCTION ledger_group_balances()`);
    await q.query(`
      CREATE FUNCTION ledger_groups_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE g uuid; s numeric;
      BEGIN
        SELECT e.group_id, sum(e.amount_micros) INTO g, s
        FROM ledger_entries e WHERE e.group_id IN (SELECT DISTINCT group_id FROM new_entries)
        GROUP BY e.group_id HAVING sum(e.amount_micros) <> 0 LIMIT 1;
        IF g IS NOT NULL THEN
          RAISE EXCEPTION 'ledger group % does not balance (off by % micros)', g, s USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_entries
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_groups_balance()`,
    );
    await q.query(`DROP INDEX ledger_entries_account`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
