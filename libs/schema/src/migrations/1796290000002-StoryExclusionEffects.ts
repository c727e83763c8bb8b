import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StoryExclusionEffects1796290000002 implements MigrationInterface {
  name = 'StoryExclusionEffects1796290000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "story_exclusion_effects" ("id" BIGSERIAL NOT NULL, "run_id" uuid NOT NULL, "story_key" integer NOT NULL, "author_key" integer NOT NULL, "members" integer NOT NULL, "amount_micros" bigint NOT NULL, CONSTRAINT "PK_3d616a4d5c4301aa70bb2a2ed8b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "story_exclusion_effects_author_idx" ON "story_exclusion_effects"  ("author_key", "run_id") `);
    await q.query(`CREATE UNIQUE INDEX "story_exclusion_effects_run_story_key" ON "story_exclusion_effects"  ("run_id", "story_key") `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
