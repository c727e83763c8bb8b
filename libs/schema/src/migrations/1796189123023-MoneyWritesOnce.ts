import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The fields of each section of the parameter set, as split by this migration (a snapshot: later fields are not moved here). */
const SECTIONS: Record<string, string[]> = {
  payout: [
    'writerShareBps', 'qualifiedReadSeconds', 'sessionCapSeconds', 'readRatioOffsetBps', 'readRatioMinBps', 'readRatioMaxBps', 'clapPoints',
    'highlightPoints', 'replyPoints', 'newFollowPoints', 'followerBps', 'boostBps', 'minPayoutCents', 'forfeitAfterDays',
  ],
  execution: ['shards'],
  referral: ['referralShareBps'],
  curation: ['boostDays'],
};

const PERIOD_CHECKS: [table: string, name: string, nullable: boolean][] = [
  ['payout_runs', 'payout_runs_period_check', false],
  ['adjustments', 'adjustments_period_check', false],
  ['referral_credits', 'referral_credits_period_check', false],
  ['tickets', 'tickets_period_check', true],
];

/**
 * Money writes happen once (issue 12) and one source for every rule (issue 13):
 * - idempotency keys, stored with the write they belong to;
 * - periods within 2000-01..2099-12 in every CHECK that takes one;
 * - the parameter set split by owner: each stored version becomes sections (payout,
 *   execution, referral, curation); `referralCutoff` leaves it (a fixed fact now); a value
 *   that is not an integer (e.g. a null stored before writes were validated) takes the
 *   version before's value, or is left out so that the default applies.
 */
export class MoneyWritesOnce1796189123023 implements MigrationInterface {
  name = 'MoneyWritesOnce1796189123023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idempotency_keys" ("staff_id" uuid NOT NULL, "key" text COLLATE "C" NOT NULL, "route" text NOT NULL, "fingerprint" text NOT NULL, "response_status" integer NOT NULL, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e7651a4286fd353fb4751ecd40" PRIMARY KEY ("staff_id", "key"))`);
    await q.query(`CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys"  ("created_at") `);

    for (const [table, name, nullable] of PERIOD_CHECKS) {
      const check = `period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND period >= '2000-01' AND period <= '2099-12'`;
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${nullable ? `period IS NULL OR (${check})` : check})`);
    }

    const versions: { version: number; params: Record<string, unknown> }[] = await q.query(
      `SELECT version, params FROM earnings_parameter_sets ORDER BY version`,
    );
    let previous: Record<string, Record<string, number>> = {};
    for (const { version, params } of versions) {
      const split: Record<string, Record<string, number>> = {};
      for (const [section, fields] of Object.entries(SECTIONS)) {
        split[section] = {};
        for (const field of fields) {
          const v = params[field];
          const value = typeof v === 'number' && Number.isSafeInteger(v) ? v : previous[section]?.[field];
          if (value !== undefined) split[section][field] = value;
        }
      }
      await q.query(`UPDATE earnings_parameter_sets SET params = $2 WHERE version = $1`, [version, JSON.stringify(split)]);
      previous = split;
    }
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
