import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HelpDesk1795501127915 implements MigrationInterface {
  name = 'HelpDesk1795501127915';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ticket_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" text COLLATE "C" NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_80de74737405f5d2b67682b2a16" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ticket_notes_ticket_idx" ON "ticket_notes"  ("ticket_id", "created_at") `);
    await q.query(`CREATE TABLE "saved_replies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "category" text, "body" text NOT NULL, "created_by" uuid NOT NULL, "updated_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "saved_replies_category_check" CHECK (category IS NULL OR category IN ('earnings_drop','missing_payout','eligibility','referral','boost','other')), CONSTRAINT "PK_55af264beda24a4a6daa7f35fe9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "saved_replies_title_key" ON "saved_replies"  ("title") `);
    await q.query(`ALTER TABLE "tickets" ADD "source" text NOT NULL DEFAULT 'intake'`);
    await q.query(`ALTER TABLE "tickets" ADD "opened_by" uuid`);
    await q.query(`ALTER TABLE "tickets" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX "tickets_assignee_idx" ON "tickets"  ("assignee_id", "status") `);
    await q.query(`ALTER TABLE "tickets" ADD CONSTRAINT "tickets_resolved_check" CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))`);
    await q.query(`ALTER TABLE "tickets" ADD CONSTRAINT "tickets_source_check" CHECK (source IN ('intake','support'))`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
