import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows } from '../../core/src/database/sql.js';

export interface PayoutFileRow {
  id: string;
  author: string;
  account_ref: string | null;
  cents: string;
}

/** What the payout file reads: the run, and its payouts to transfer (pending) or transferred, by statement id. */
@Injectable()
export class PayoutFileRepository {
  constructor(private readonly dataSource: DataSource) {}

  run(runId: string): Promise<{ status: string; period: string } | undefined> {
    return one(this.dataSource, `SELECT status, period FROM payout_runs WHERE id = $1`, [runId]);
  }

  /** The next page after statement id `after`. */
  page(runId: string, after: string, size: number): Promise<PayoutFileRow[]> {
    return rows<PayoutFileRow>(
      this.dataSource,
      `SELECT sm.id, au.id AS author, pa.account_ref, sm.payout_cents::text AS cents
       FROM statements sm JOIN members au ON au.key = sm.author_key LEFT JOIN payout_accounts pa ON pa.member_key = sm.author_key
       WHERE sm.run_id = $1 AND sm.payout_state IN ('pending', 'transferred') AND sm.id > $2
       ORDER BY sm.id LIMIT ${size}`,
      [runId, after],
    );
  }
}
