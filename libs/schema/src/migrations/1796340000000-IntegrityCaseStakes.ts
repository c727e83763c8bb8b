import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money at stake (issue 18): per case, what each author's earnings would change by with the
 * case's pairs excluded (the earnings engine's difference), the writers who would gain, the
 * change of the unallocated money, and when it was computed.
 */
export class IntegrityCaseStakes1796340000000 implements MigrationInterface {
  name = 'IntegrityCaseStakes1796340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "integrity_cases" ADD "stake_gainers" integer`);
    await q.query(`ALTER TABLE "integrity_cases" ADD "stake_unallocated_micros" bigint`);
    await q.query(`ALTER TABLE "integrity_cases" ADD "stake_computed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE TABLE "integrity_case_stakes" ("case_id" uuid NOT NULL, "author_key" integer NOT NULL, "delta_micros" bigint NOT NULL, "subject" boolean NOT NULL, CONSTRAINT "PK_integrity_case_stakes" PRIMARY KEY ("case_id", "author_key"))`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
