import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffSessions1796200000000 implements MigrationInterface {
  name = 'StaffSessions1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_staff_sessions" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "staff_sessions_user_idx" ON "staff_sessions" ("user_id") `);
    await q.query(`ALTER TABLE "staff_sessions" ADD CONSTRAINT "FK_2d3e82105bee50ac45fe3ed5975" FOREIGN KEY ("user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "login_failures_ip_at_idx" ON "login_failures" ("ip", "failed_at") `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
