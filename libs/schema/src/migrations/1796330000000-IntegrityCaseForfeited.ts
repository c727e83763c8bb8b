import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A held case can end in forfeiture of its payouts (status `forfeited`). */
export class IntegrityCaseForfeited1796330000000 implements MigrationInterface {
  name = 'IntegrityCaseForfeited1796330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "integrity_cases" DROP CONSTRAINT "integrity_cases_status_check"`);
    await q.query(
      `ALTER TABLE "integrity_cases" ADD CONSTRAINT "integrity_cases_status_check" CHECK (status IN ('open','cleared','dismissed','excluded','held','suspended','forfeited'))`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
