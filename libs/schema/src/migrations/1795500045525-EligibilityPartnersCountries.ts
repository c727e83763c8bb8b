import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EligibilityPartnersCountries1795500045525 implements MigrationInterface {
  name = 'EligibilityPartnersCountries1795500045525';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "countries" ("code" character(2) NOT NULL, "name" text NOT NULL, "payable" boolean NOT NULL, "date_added" date NOT NULL, CONSTRAINT "countries_code_check" CHECK (code ~ '^[A-Z]{2}$'), CONSTRAINT "PK_b47cbb5311bad9c9ae17b8c1eda" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "partner_status_changes" ("id" BIGSERIAL NOT NULL, "member_key" integer NOT NULL, "enrollment_id" text COLLATE "C" NOT NULL, "status" text NOT NULL, "reason" text NOT NULL, "application_id" text COLLATE "C", "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "partner_status_changes_status_check" CHECK (status IN ('active','suspended','removed','left')), CONSTRAINT "PK_c37f5e7aaa6e5714fdfbb49e9f2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "partner_status_changes_enrollment_idx" ON "partner_status_changes"  ("enrollment_id", "changed_at") `);
    await q.query(`CREATE INDEX "partner_status_changes_member_idx" ON "partner_status_changes"  ("member_key", "changed_at") `);
    await q.query(`ALTER TABLE "applications" ADD "failing_checks" text array`);
    await q.query(`ALTER TABLE "applications" ADD "entered_by" uuid`);
    await q.query(`CREATE INDEX "applications_member_idx" ON "applications"  ("member_key") `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
