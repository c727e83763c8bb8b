import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What each ended boost moved, stored when boost impact computes it (calibration reads it). */
export class BoostImpacts1796360000000 implements MigrationInterface {
  name = 'BoostImpacts1796360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "boost_impacts" ("boost_id" text COLLATE "C" NOT NULL, "realised_micros" bigint NOT NULL, "complete" boolean NOT NULL, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_boost_impacts" PRIMARY KEY ("boost_id"))`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
