import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry journal under the statements (issue 17): integer micro-dollars, signed
 * (debit > 0, credit < 0). The database itself refuses changes to written entries and refuses
 * to commit a transaction group whose entries do not sum to zero.
 */
export class LedgerJournal1796200000002 implements MigrationInterface {
  name = 'LedgerJournal1796200000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        group_id uuid NOT NULL,
        account text NOT NULL CHECK (length(account) BETWEEN 1 AND 200),
        amount_micros bigint NOT NULL CHECK (amount_micros <> 0),
        kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
        corrects_group_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entries_group ON ledger_entries (group_id)`);
    await q.query(`CREATE INDEX ledger_entries_account ON ledger_entries (account, id)`);
    await q.query(`
      CREATE FUNCTION ledger_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`);
    await q.query(`CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change()`);
    // Checked at commit, so a group's lines can be inserted one by one within its transaction.
    await q.query(`
      CREATE FUNCTION ledger_group_balances() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE s numeric;
      BEGIN
        SELECT sum(amount_micros) INTO s FROM ledger_entries WHERE group_id = NEW.group_id;
        IF s <> 0 THEN
          RAISE EXCEPTION 'ledger group % does not balance (off by % micros)', NEW.group_id, s USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_group_balances()`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
