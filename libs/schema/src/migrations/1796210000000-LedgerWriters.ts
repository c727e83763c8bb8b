import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's writers (issue 17): what each entry belongs to (run, statement, author), the
 * payout events the journal is derived from, and a balance check that costs one index
 * lookup per row (only a group's last row sums the group), so a run's approval of 100k
 * statements is not quadratic.
 */
export class LedgerWriters1796210000000 implements MigrationInterface {
  name = 'LedgerWriters1796210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN run_id uuid, ADD COLUMN statement_id uuid, ADD COLUMN author_key integer`);
    await q.query(`DROP INDEX ledger_entries_group`);
    await q.query(`CREATE INDEX ledger_entries_group ON ledger_entries (group_id, id)`);
    await q.query(`CREATE INDEX ledger_entries_author ON ledger_entries (author_key, id) WHERE author_key IS NOT NULL`);
    await q.query(`CREATE INDEX ledger_entries_run ON ledger_entries (run_id) WHERE run_id IS NOT NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_group_balances() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE s numeric;
      BEGIN
        IF NEW.id <> (SELECT max(id) FROM ledger_entries WHERE group_id = NEW.group_id) THEN
          RETURN NULL; -- a later row of the group checks it (it fires after this one)
        END IF;
        SELECT sum(amount_micros) INTO s FROM ledger_entries WHERE group_id = NEW.group_id;
        IF s <> 0 THEN
          RAISE EXCEPTION 'ledger group % does not balance (off by % micros)', NEW.group_id, s USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TABLE ledger_payout_events (
        id bigserial PRIMARY KEY,
        statement_id uuid NOT NULL,
        run_id uuid NOT NULL,
        author_key integer NOT NULL,
        from_state text NOT NULL,
        to_state text NOT NULL CHECK (to_state <> from_state),
        amount_micros bigint NOT NULL CHECK (amount_micros > 0),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_payout_events_statement ON ledger_payout_events (statement_id, id)`);
    await q.query(`CREATE TRIGGER ledger_payout_events_no_update_delete BEFORE UPDATE OR DELETE ON ledger_payout_events FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
