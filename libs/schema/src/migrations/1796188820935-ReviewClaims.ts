import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewClaims1796188820935 implements MigrationInterface {
  name = 'ReviewClaims1796188820935';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "applications" ADD "claimed_by" uuid`);
    await q.query(`ALTER TABLE "applications" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "nominations" ADD "claimed_by" uuid`);
    await q.query(`ALTER TABLE "nominations" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
