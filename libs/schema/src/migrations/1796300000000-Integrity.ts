import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrity (issue 18): versioned thresholds, cases (one per author or ring and period), their
 * flags with evidence, the (member, story) pairs they involve, and each case's history.
 */
export class Integrity1796300000000 implements MigrationInterface {
  name = 'Integrity1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "integrity_parameter_sets" ("version" SERIAL NOT NULL, "params" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "PK_1e6c0e43d89e12af09dc3b83dfa" PRIMARY KEY ("version"))`);
    await q.query(`CREATE TABLE "integrity_cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "case_key" text COLLATE "C" NOT NULL, "kind" text NOT NULL, "author_key" integer NOT NULL, "status" text NOT NULL DEFAULT 'open', "score" integer NOT NULL, "member_count" integer NOT NULL, "session_count" integer NOT NULL, "time_points" bigint NOT NULL, "params_version" integer NOT NULL, "money_at_stake_micros" bigint, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_by" uuid, "claimed_until" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, CONSTRAINT "integrity_cases_status_check" CHECK (status IN ('open','cleared','dismissed','excluded','held','suspended')), CONSTRAINT "integrity_cases_kind_check" CHECK (kind IN ('author','ring')), CONSTRAINT "PK_dec220f6b8f85e8bdd351af0b75" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "integrity_cases_status_idx" ON "integrity_cases"  ("status", "period") `);
    await q.query(`CREATE UNIQUE INDEX "integrity_cases_key" ON "integrity_cases"  ("period", "case_key") `);
    await q.query(`CREATE TABLE "integrity_flags" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "signal" text NOT NULL, "author_key" integer NOT NULL, "score" integer NOT NULL, "evidence" jsonb NOT NULL, CONSTRAINT "integrity_flags_signal_check" CHECK (signal IN ('ring','farm','concentration')), CONSTRAINT "PK_519c19074981f9e2a04d85015a8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "integrity_flags_case_idx" ON "integrity_flags"  ("case_id") `);
    await q.query(`CREATE TABLE "integrity_case_pairs" ("case_id" uuid NOT NULL, "member_key" integer NOT NULL, "story_key" integer NOT NULL, "sessions" integer NOT NULL, "time_points" bigint NOT NULL, CONSTRAINT "PK_a0c785df53c82ea486d40b8fca7" PRIMARY KEY ("case_id", "member_key", "story_key"))`);
    await q.query(`CREATE TABLE "integrity_case_events" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "kind" text NOT NULL, "body" text, "data" jsonb, CONSTRAINT "integrity_case_events_kind_check" CHECK (kind IN ('detected','updated','cleared','claimed','released','note','decided','reverted')), CONSTRAINT "PK_36f3780099f1e49ccfb33f84fda" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "integrity_case_events_case_idx" ON "integrity_case_events"  ("case_id", "at") `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
