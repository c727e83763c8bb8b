import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A story's estimate selects its readers by story and month: without this it scans every pair-day of the month. */
export class EstimatePairDaysStory1796365000001 implements MigrationInterface {
  name = 'EstimatePairDaysStory1796365000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "estimate_pair_days_story_idx" ON "estimate_pair_days" ("story_key", "day")`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
