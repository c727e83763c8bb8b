import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Applied settlement files and their lines are a record of what the processor said: never changed or removed. */
export class SettlementsAppendOnly1796220000001 implements MigrationInterface {
  name = 'SettlementsAppendOnly1796220000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION settlements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['settlement_files', 'settlement_lines']) {
      await q.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION settlements_refuse_change()`,
      );
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION settlements_refuse_change()`);
    }
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
