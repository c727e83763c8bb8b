import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A follow day keeps a candidate per story of the author (the latest eligible session at or
 * before the first follow), not only the latest overall: an estimate that leaves out an
 * excluded pair then still finds the right one among the rest, as the run does.
 */
export class EstimateFollowCandidates1796350000002 implements MigrationInterface {
  name = 'EstimateFollowCandidates1796350000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`TRUNCATE "estimate_follow_days"`);
    await q.query(`ALTER TABLE "estimate_follow_days" DROP CONSTRAINT "estimate_follow_days_pkey"`);
    await q.query(`ALTER TABLE "estimate_follow_days" ADD PRIMARY KEY ("day", "member_key", "author_key", "story_key")`);
    // the days aggregated so far are rebuilt by the next daily job
    await q.query(`INSERT INTO "estimate_dirty_days" ("day") SELECT "day" FROM "estimate_days" ON CONFLICT ("day") DO NOTHING`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
