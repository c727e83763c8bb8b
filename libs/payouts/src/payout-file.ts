import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { one } from '../../core/src/database/sql.js';
import { conflict, notFound } from '../../core/src/http/errors.js';
import { isFinalRun } from './payout-rules.js';

const PAGE = 5000;

/**
 * The payout file of an approved run: the payouts to transfer (pending) or transferred,
 * streamed in pages by statement id, never all in memory.
 */
@Injectable()
export class PayoutFileService {
  constructor(private readonly dataSource: DataSource) {}

  async write(runId: string, res: Response): Promise<void> {
    const run = await one<{ status: string; period: string }>(this.dataSource, `SELECT status, period FROM payout_runs WHERE id = $1`, [runId]);
    if (!run) throw notFound('payout run', runId);
    if (!isFinalRun(run.status)) throw conflict(`the run is ${run.status}; the payout file exists once it is approved`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="payouts-${run.period}.csv"`);
    const csv = stringify({ header: true, columns: ['author', 'payout_account', 'amount_cents', 'currency', 'statement_id'] });
    csv.pipe(res);
    try {
      await this.writeRows(runId, csv);
    } catch (error) {
      res.destroy(error as Error); // headers are sent: cut the download so it cannot pass for complete
      throw error;
    }
    csv.end();
    await new Promise((ok) => res.once('finish', ok));
  }

  private async writeRows(runId: string, csv: ReturnType<typeof stringify>): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.dataSource.query(
        `SELECT sm.id, au.id AS author, pa.account_ref, sm.payout_cents::text AS cents
         FROM statements sm JOIN members au ON au.key = sm.author_key LEFT JOIN payout_accounts pa ON pa.member_key = sm.author_key
         WHERE sm.run_id = $1 AND sm.payout_state IN ('pending', 'transferred') AND sm.id > $2
         ORDER BY sm.id LIMIT ${PAGE}`,
        [runId, after],
      );
      for (const r of page) {
        if (!csv.write([r.author, r.account_ref ?? '', r.cents, 'USD', r.id])) await new Promise((ok) => csv.once('drain', ok));
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].id;
    }
  }
}
