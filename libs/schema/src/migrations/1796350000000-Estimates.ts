import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Month-to-date estimates (issue 19): per-UTC-day aggregates of the reading data, built by
 * the daily job one day at a time, and the days whose data changed since they were built.
 */
export class Estimates1796350000000 implements MigrationInterface {
  name = 'Estimates1796350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "estimate_days" (
      "day" date PRIMARY KEY, "period" text NOT NULL, "aggregated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "qualified_read_seconds" integer NOT NULL, "session_cap_seconds" integer NOT NULL, "views" integer NOT NULL)`);
    await q.query(`CREATE INDEX "estimate_days_period_idx" ON "estimate_days" ("period", "day")`);
    // per (day, logged-in reader, story): the reader's views and reads (step 3) and, when eligible, the pair's facts (steps 2, 4)
    await q.query(`CREATE TABLE "estimate_pair_days" (
      "day" date NOT NULL, "member_key" integer NOT NULL, "story_key" integer NOT NULL, "author_key" integer NOT NULL,
      "views" integer NOT NULL, "reads" integer NOT NULL, "time_points" bigint, "member_reads" integer NOT NULL,
      "t0" TIMESTAMP WITH TIME ZONE, "t_last" TIMESTAMP WITH TIME ZONE,
      PRIMARY KEY ("day", "member_key", "story_key"))`);
    await q.query(`CREATE INDEX "estimate_pair_days_author_idx" ON "estimate_pair_days" ("author_key", "day")`);
    await q.query(`CREATE INDEX "estimate_pair_days_member_idx" ON "estimate_pair_days" ("member_key", "day")`);
    await q.query(`CREATE TABLE "estimate_story_days" (
      "day" date NOT NULL, "story_key" integer NOT NULL, "views" integer NOT NULL, "reads" integer NOT NULL,
      PRIMARY KEY ("day", "story_key"))`);
    await q.query(`CREATE TABLE "estimate_engagement_days" (
      "day" date NOT NULL, "member_key" integer NOT NULL, "story_key" integer NOT NULL,
      "clap" boolean NOT NULL, "highlight" boolean NOT NULL, "reply" boolean NOT NULL,
      PRIMARY KEY ("day", "member_key", "story_key"))`);
    await q.query(`CREATE INDEX "estimate_engagement_days_member_idx" ON "estimate_engagement_days" ("member_key", "day")`);
    // a first follow lying in the day, and the latest eligible session of that day at or before it
    await q.query(`CREATE TABLE "estimate_follow_days" (
      "day" date NOT NULL, "member_key" integer NOT NULL, "author_key" integer NOT NULL, "followed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "story_key" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      PRIMARY KEY ("day", "member_key", "author_key"))`);
    await q.query(`CREATE INDEX "estimate_follow_days_member_idx" ON "estimate_follow_days" ("member_key", "day")`);
    await q.query(`CREATE TABLE "estimate_dirty_days" ("day" date PRIMARY KEY, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
