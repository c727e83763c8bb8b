import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PayoutRunChecks1795502997758 implements MigrationInterface {
  name = 'PayoutRunChecks1795502997758';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "payout_runs" ADD "prepared_totals" jsonb`);
    await q.query(`ALTER TABLE "payout_runs" ADD "basis_run_id" uuid`);
    await q.query(`ALTER TABLE "payout_runs" ADD "inputs_digest" text`);
    // Where runs keep their per-attempt work tables (created here once, not raced by two first runs).
    await q.query(`CREATE SCHEMA IF NOT EXISTS payout_work`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
