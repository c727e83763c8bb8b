import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A first follow's day keeps every story's latest eligible session at or before it, not only the
 * credited one: an exclusion made later may drop that pair, and the run then credits another
 * story of the same day. Days built with one row per follow are marked for the daily job.
 */
export class EstimateFollowCandidates1796365000000 implements MigrationInterface {
  name = 'EstimateFollowCandidates1796365000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "estimate_follow_days" DROP CONSTRAINT "estimate_follow_days_pkey"`);
    await q.query(`ALTER TABLE "estimate_follow_days" ADD PRIMARY KEY ("day", "member_key", "author_key", "story_key")`);
    await q.query(`INSERT INTO "estimate_dirty_days" ("day") SELECT DISTINCT "day" FROM "estimate_follow_days" ON CONFLICT DO NOTHING`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
