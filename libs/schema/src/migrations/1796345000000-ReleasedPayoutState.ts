import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A payout an integrity release returned to the author's balance (`released`): the next approved run pays it. */
export class ReleasedPayoutState1796345000000 implements MigrationInterface {
  name = 'ReleasedPayoutState1796345000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "statements" DROP CONSTRAINT "statements_payout_state_check"`);
    await q.query(
      `ALTER TABLE "statements" ADD CONSTRAINT "statements_payout_state_check" CHECK (payout_state IS NULL OR payout_state IN ('pending','transferred','failed','on_hold','forfeited','reversed','released'))`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
