import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day aggregates' secondary indexes lead with the day: a day's rows then go into one
 * region of each index (the newest), so writing a day costs the same whatever the month (or
 * the history) holds. Indexes led by member or author took random inserts whose cost grew
 * with the month once the indexes outgrew the cache (docs/benchmarks.md). The estimate reads
 * the month's range of the primary key and of (day, author_key) instead.
 */
export class EstimateDayIndexes1796350000001 implements MigrationInterface {
  name = 'EstimateDayIndexes1796350000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "estimate_pair_days_author_idx"`);
    await q.query(`DROP INDEX "estimate_pair_days_member_idx"`);
    await q.query(`DROP INDEX "estimate_engagement_days_member_idx"`);
    await q.query(`DROP INDEX "estimate_follow_days_member_idx"`);
    await q.query(`CREATE INDEX "estimate_pair_days_day_author_idx" ON "estimate_pair_days" ("day", "author_key")`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
