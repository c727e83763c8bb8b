import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PayoutHolds1796290000001 implements MigrationInterface {
  name = 'PayoutHolds1796290000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "payout_holds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_key" integer NOT NULL, "decision_ref" text NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE, "forfeited_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "payout_holds_ended_check" CHECK (released_at IS NULL OR forfeited_at IS NULL), CONSTRAINT "PK_7b68b9814674713fee0423f8459" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "payout_holds_author_idx" ON "payout_holds"  ("author_key") `);
    await q.query(`CREATE UNIQUE INDEX "payout_holds_decision_key" ON "payout_holds"  ("decision_ref") `);
    await q.query(`ALTER TABLE "statements" ADD "hold_ref" text`);
    await q.query(`ALTER TABLE "statements" ADD "hold_reason" text`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
