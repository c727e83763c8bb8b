import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The staff role `integrity` (issue 18): integrity reviewers work the integrity queue. */
export class IntegrityRole1796300000001 implements MigrationInterface {
  name = 'IntegrityRole1796300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_users" DROP CONSTRAINT "staff_users_roles_check"`);
    await q.query(
      `ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_roles_check" CHECK (roles <@ ARRAY['admin','reviewer','curator','support','finance','integrity']::text[] AND cardinality(roles) > 0)`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
