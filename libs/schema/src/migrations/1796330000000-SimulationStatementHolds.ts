import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A simulation's statements carry the integrity hold the run's statements record (same engine step). */
export class SimulationStatementHolds1796330000000 implements MigrationInterface {
  name = 'SimulationStatementHolds1796330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "simulation_statements" ADD "hold_ref" text`);
    await q.query(`ALTER TABLE "simulation_statements" ADD "hold_reason" text`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
