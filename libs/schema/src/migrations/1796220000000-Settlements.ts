import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Settlements1796220000000 implements MigrationInterface {
  name = 'Settlements1796220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "settlement_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "sha256" text NOT NULL, "file_name" text, "applied_by" uuid NOT NULL, "line_count" integer NOT NULL, "counts" jsonb NOT NULL, "applied_count" integer NOT NULL, "applied_micros" bigint NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ababdfeb8505f841623030e2d0" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "settlement_files_run_sha256_key" ON "settlement_files"  ("run_id", "sha256") `);
    await q.query(`CREATE TABLE "settlement_lines" ("id" BIGSERIAL NOT NULL, "file_id" uuid NOT NULL, "line" integer NOT NULL, "reference" text NOT NULL, "statement_id" uuid, "status" text NOT NULL, "amount_micros" bigint NOT NULL, "settled_on" date NOT NULL, "failure_code" text, "class" text NOT NULL, "from_state" text, "to_state" text, CONSTRAINT "settlement_lines_class_check" CHECK (class IN ('matched','already_applied','amount_mismatch','unknown_reference','duplicate','transition_not_allowed')), CONSTRAINT "settlement_lines_status_check" CHECK (status IN ('paid','failed','returned')), CONSTRAINT "PK_82a2947e08fa4fbc13b92c8ed31" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "settlement_lines_statement_idx" ON "settlement_lines"  ("statement_id") `);
    await q.query(`CREATE UNIQUE INDEX "settlement_lines_file_line_key" ON "settlement_lines"  ("file_id", "line") `);
    await q.query(`ALTER TABLE "statements" ADD "payout_failure_code" text`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
