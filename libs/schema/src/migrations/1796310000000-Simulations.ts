import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Simulations1796310000000 implements MigrationInterface {
  name = 'Simulations1796310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "simulations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "run_id" uuid NOT NULL, "status" text NOT NULL, "progress" integer NOT NULL DEFAULT '0', "params" jsonb NOT NULL, "changes" jsonb NOT NULL, "without_boost_ids" text array NOT NULL DEFAULT '{}', "created_by" uuid, "label" text, "pool_micros" bigint, "allocated_micros" bigint, "unallocated_micros" bigint, "member_count" integer, "pair_count" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "simulations_period_check" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND period >= '2000-01' AND period <= '2099-12'), CONSTRAINT "simulations_status_check" CHECK (status IN ('queued','running','done','failed')), CONSTRAINT "PK_c6d15083257a1c84ecd67423c30" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "simulations_period_idx" ON "simulations"  ("period") `);
    await q.query(`CREATE TABLE "simulation_excluded_pairs" ("simulation_id" uuid NOT NULL, "m" integer NOT NULL, "s" integer NOT NULL, CONSTRAINT "PK_0c663335ae34ad78f8c86491098" PRIMARY KEY ("simulation_id", "m", "s"))`);
    await q.query(`CREATE TABLE "simulation_story_earnings" ("simulation_id" uuid NOT NULL, "story_key" integer NOT NULL, "author_key" integer NOT NULL, "earnings_micros" bigint NOT NULL, "reading_time_micros" bigint NOT NULL, "engagement_micros" bigint NOT NULL, "read_ratio_adjustment_micros" bigint NOT NULL, "follower_bonus_micros" bigint NOT NULL, "boost_bonus_micros" bigint NOT NULL, "views" integer NOT NULL, "reads" integer NOT NULL, "read_ratio_adjustment_bps" integer NOT NULL, "member_reads" integer NOT NULL, "member_reading_seconds" bigint NOT NULL, "clappers" integer NOT NULL, "highlighters" integer NOT NULL, "repliers" integer NOT NULL, "new_follows" integer NOT NULL, "follower_readers" integer NOT NULL, "boosted_readers" integer NOT NULL, CONSTRAINT "PK_706471801632c2bfcf50692fe72" PRIMARY KEY ("simulation_id", "story_key"))`);
    await q.query(`CREATE INDEX "simulation_story_earnings_author_idx" ON "simulation_story_earnings"  ("simulation_id", "author_key") `);
    await q.query(`CREATE TABLE "simulation_statements" ("simulation_id" uuid NOT NULL, "author_key" integer NOT NULL, "period" text NOT NULL, "opening_micros" bigint NOT NULL, "opening_run_id" uuid, "returned_statement_ids" uuid array NOT NULL DEFAULT '{}', "story_earnings_micros" bigint NOT NULL, "referral_earnings_micros" bigint NOT NULL, "adjustments_micros" bigint NOT NULL, "balance_micros" bigint NOT NULL, "payout_cents" bigint NOT NULL, "carried_micros" bigint NOT NULL, "forfeited_micros" bigint NOT NULL, "status" text NOT NULL, CONSTRAINT "simulation_statements_balance_check" CHECK (opening_micros + story_earnings_micros + referral_earnings_micros + adjustments_micros = balance_micros AND balance_micros = payout_cents * 10000 + carried_micros + forfeited_micros), CONSTRAINT "simulation_statements_status_check" CHECK (status IN ('payable','below_threshold','payout_account_not_ready','forfeited')), CONSTRAINT "PK_f1d27e491f79ee42c5418f62888" PRIMARY KEY ("simulation_id", "author_key"))`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
