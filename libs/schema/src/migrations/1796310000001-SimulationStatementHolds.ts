import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SimulationStatementHolds1796310000001 implements MigrationInterface {
  name = 'SimulationStatementHolds1796310000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "simulation_statements" ADD "hold_ref" text`);
    await q.query(`ALTER TABLE "simulation_statements" ADD "hold_reason" text`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
