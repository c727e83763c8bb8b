import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecondFactor1796200000001 implements MigrationInterface {
  name = 'SecondFactor1796200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_users" ADD "totp_secret" text`);
    await q.query(`ALTER TABLE "staff_users" ADD "totp_pending_secret" text`);
    await q.query(`ALTER TABLE "staff_users" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "staff_users" ADD "totp_last_step" bigint`);
    await q.query(`ALTER TABLE "staff_sessions" ADD "second_factor_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE TABLE "staff_recovery_codes" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_staff_recovery_codes" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_recovery_codes_user_hash_key" ON "staff_recovery_codes" ("user_id", "code_hash") `);
    await q.query(`ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "FK_20c791f00bcc8fcf75f2630c261" FOREIGN KEY ("user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
