import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralCredits1795500171785 implements MigrationInterface {
  name = 'ReferralCredits1795500171785';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referral_credits" ("id" BIGSERIAL NOT NULL, "referral_id" text COLLATE "C" NOT NULL, "charge_id" text COLLATE "C" NOT NULL, "period" text COLLATE "C" NOT NULL, "referrer_key" integer NOT NULL, "amount_micros" bigint NOT NULL, "kind" text NOT NULL, "reverses_period" text COLLATE "C", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referral_credits_shape_check" CHECK ((kind = 'credit' AND amount_micros > 0 AND reverses_period IS NULL) OR (kind = 'reversal' AND amount_micros < 0 AND reverses_period < period)), CONSTRAINT "referral_credits_period_check" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "referral_credits_kind_check" CHECK (kind IN ('credit','reversal')), CONSTRAINT "PK_cc4800ad22f7e99e00326d8db95" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "referral_credits_charge_idx" ON "referral_credits"  ("charge_id") `);
    await q.query(`CREATE INDEX "referral_credits_referral_idx" ON "referral_credits"  ("referral_id") `);
    await q.query(`CREATE INDEX "referral_credits_referrer_idx" ON "referral_credits"  ("referrer_key") `);
    await q.query(`CREATE INDEX "referral_credits_period_referrer_idx" ON "referral_credits"  ("period", "referrer_key") `);
    await q.query(`CREATE UNIQUE INDEX "referral_credits_reversal_key" ON "referral_credits"  ("referral_id", "charge_id", "reverses_period") WHERE kind = 'reversal'`);
    await q.query(`CREATE UNIQUE INDEX "referral_credits_credit_key" ON "referral_credits"  ("referral_id", "charge_id", "period") WHERE kind = 'credit'`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
