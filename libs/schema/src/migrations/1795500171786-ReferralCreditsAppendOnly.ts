import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral credits are history: the monthly run only inserts (a refund is a reversal row
 * in a later period), and nobody edits them by hand (corrections are payout adjustments).
 */
export class ReferralCreditsAppendOnly1795500171786 implements MigrationInterface {
  name = 'ReferralCreditsAppendOnly1795500171786';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION referral_credits_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'referral_credits is append-only: % refused (corrections are payout adjustments)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER referral_credits_no_update_delete BEFORE UPDATE OR DELETE ON referral_credits FOR EACH ROW EXECUTE FUNCTION referral_credits_refuse_change()`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
