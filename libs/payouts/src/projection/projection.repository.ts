import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import { micros } from '../../../core/src/money/money.js';
import { FINAL_RUN_STATUSES_SQL, type PayoutState } from '../payout-rules.js';
import type { BasisStatement, HeldPayout } from './payout-projection.js';

/** What the payout projection reads: the latest final statement, the holds, the payout account. Read-only. */
@Injectable()
export class ProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async authorKey(authorId: string): Promise<number | undefined> {
    return (await one<{ key: number }>(this.dataSource, `SELECT key FROM members WHERE id = $1`, [authorId]))?.key;
  }

  /** The latest period with a final run, whoever it pays (null before the first). */
  async latestFinalPeriod(): Promise<string | null> {
    const row = await one<{ period: string | null }>(
      this.dataSource,
      `SELECT max(period) AS period FROM payout_runs WHERE status IN ${FINAL_RUN_STATUSES_SQL}`,
    );
    return row?.period ?? null;
  }

  /** The author's statement in the latest final run that has one. */
  async latestFinalStatement(authorKey: number): Promise<BasisStatement | null> {
    const row = await one<Record<string, string | null>>(
      this.dataSource,
      `SELECT s.period, s.status, s.balance_micros::text AS balance, s.payout_cents::text AS payout, s.carried_micros::text AS carried,
              s.forfeited_micros::text AS forfeited, s.payout_state AS "payoutState"
       FROM statements s JOIN payout_runs r ON r.id = s.run_id
       WHERE s.author_key = $1 AND r.status IN ${FINAL_RUN_STATUSES_SQL}
       ORDER BY s.period DESC LIMIT 1`,
      [authorKey],
    );
    if (!row) return null;
    return {
      period: row.period!,
      status: row.status!,
      balanceMicros: micros(row.balance!),
      payoutCents: BigInt(row.payout!),
      carriedMicros: micros(row.carried!),
      forfeitedMicros: micros(row.forfeited!),
      payoutState: row.payoutState as PayoutState | null,
    };
  }

  /** The author's payouts on hold, oldest first. */
  async holds(authorKey: number): Promise<HeldPayout[]> {
    const found = await rows<{ statementId: string; period: string; cents: string }>(
      this.dataSource,
      `SELECT id AS "statementId", period, payout_cents::text AS cents FROM statements
       WHERE author_key = $1 AND payout_state = 'on_hold' ORDER BY period, id`,
      [authorKey],
    );
    return found.map((h) => ({ statementId: h.statementId, period: h.period, payoutCents: BigInt(h.cents) }));
  }

  /** The author's payouts released from an integrity hold that no later final run took back yet, oldest first. */
  async released(authorKey: number): Promise<HeldPayout[]> {
    const found = await rows<{ statementId: string; period: string; cents: string }>(
      this.dataSource,
      `SELECT s.id AS "statementId", s.period, s.payout_cents::text AS cents FROM statements s JOIN payout_runs r ON r.id = s.run_id
       WHERE s.author_key = $1 AND s.payout_state = 'released' AND s.returned_by_run_id IS NULL AND r.status IN ${FINAL_RUN_STATUSES_SQL}
       ORDER BY s.period, s.id`,
      [authorKey],
    );
    return found.map((h) => ({ statementId: h.statementId, period: h.period, payoutCents: BigInt(h.cents) }));
  }

  async payoutAccount(authorKey: number): Promise<{ status: string; taxStatus: string } | null> {
    return (
      (await one<{ status: string; taxStatus: string }>(
        this.dataSource,
        `SELECT status, tax_status AS "taxStatus" FROM payout_accounts WHERE member_key = $1`,
        [authorKey],
      )) ?? null
    );
  }
}
