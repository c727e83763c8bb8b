import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Support's internal notes on tickets are a record: added, never edited or removed. */
export class TicketNotesAppendOnly1795501127916 implements MigrationInterface {
  name = 'TicketNotesAppendOnly1795501127916';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ticket_notes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ticket_notes is append-only: % refused (add a new note instead)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER ticket_notes_no_update_delete BEFORE UPDATE OR DELETE ON ticket_notes FOR EACH ROW EXECUTE FUNCTION ticket_notes_refuse_change()`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
