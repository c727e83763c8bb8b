import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { conflict, notFound } from '../../core/src/http/errors.js';
import { PayoutFileRepository } from './payout-file.repository.js';
import { isFinalRun } from './payout-rules.js';

const PAGE = 5000;

/**
 * The payout file of an approved run: the payouts to transfer (pending) or transferred,
 * streamed in pages by statement id, never all in memory.
 */
@Injectable()
export class PayoutFileService {
  constructor(private readonly repo: PayoutFileRepository) {}

  async write(runId: string, res: Response): Promise<void> {
    const run = await this.repo.run(runId);
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
      const page = await this.repo.page(runId, after, PAGE);
      for (const r of page) {
        if (!csv.write([r.author, r.account_ref ?? '', r.cents, 'USD', r.id])) await new Promise((ok) => csv.once('drain', ok));
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].id;
    }
  }
}
