import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BoostCuration1795500468562 implements MigrationInterface {
  name = 'BoostCuration1795500468562';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "boost_decisions" ("boost_id" text COLLATE "C" NOT NULL, "boosted_by" uuid, "boost_reason" text, "scheduled_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_by" uuid, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_58c0a198db3cee8ce301907ffdd" PRIMARY KEY ("boost_id"))`);
    await q.query(`ALTER TABLE "nominations" ADD "evaluated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "nominations" ADD "boost_id" text COLLATE "C"`);
    await q.query(`CREATE UNIQUE INDEX "nominations_boost_key" ON "nominations"  ("boost_id") WHERE boost_id IS NOT NULL`);
    await q.query(`ALTER TABLE "nominations" ADD CONSTRAINT "nominations_boosted_check" CHECK ((status = 'boosted') = (boost_id IS NOT NULL))`);
    await q.query(`ALTER TABLE "nominations" ADD CONSTRAINT "nominations_decline_reason_check" CHECK (decline_reason IS NULL OR decline_reason IN ('clickbait','ai_generated','sponsored','non_english','explicit','meta','rules_violation','other'))`);
    await q.query(`ALTER TABLE "nominations" ADD CONSTRAINT "nominations_refusal_reason_check" CHECK (refusal_reason IS NULL OR refusal_reason IN ('nominator_weekly_limit','nominator_monthly_limit','unknown_story','story_not_published','story_too_old','wrong_publication','ai_disclosed','already_boosted','already_nominated'))`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
