import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EarningsExclusions1796290000000 implements MigrationInterface {
  name = 'EarningsExclusions1796290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "earnings_exclusions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "member_key" integer NOT NULL, "story_key" integer NOT NULL, "decision_ref" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "earnings_exclusions_period_check" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND period >= '2000-01' AND period <= '2099-12'), CONSTRAINT "PK_9c6c4427f850f883bbdb0085daf" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "earnings_exclusions_decision_idx" ON "earnings_exclusions"  ("decision_ref") `);
    await q.query(`CREATE UNIQUE INDEX "earnings_exclusions_pair_decision_key" ON "earnings_exclusions"  ("period", "member_key", "story_key", "decision_ref") `);
    await q.query(`ALTER TABLE "payout_runs" ADD "decision_refs" text array NOT NULL DEFAULT '{}'`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
