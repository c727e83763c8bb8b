import { Injectable } from '@nestjs/common';
import { TransactionScope } from '../../core/src/idempotency/transaction-scope.js';
import { IntegrityRepository } from './integrity.repository.js';
import { LedgerRepository } from './ledger.repository.js';

export const INTEGRITY_CHECKS = ['balanced_groups', 'author_balances', 'run_pools', 'paid_twice', 'payout_file_totals', 'rebuild'] as const;
export type IntegrityCheckName = (typeof INTEGRITY_CHECKS)[number];

export interface IntegrityCheckResult {
  check: IntegrityCheckName;
  ok: boolean;
  /** The offending entries, authors, statements or runs (at most 50). */
  offending: unknown[];
}

/** The ledger's integrity checks, each naming what breaks it. Read-only, in one snapshot. */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly scope: TransactionScope,
    private readonly ledger: LedgerRepository,
    private readonly checks: IntegrityRepository,
  ) {}

  async run(): Promise<{ ok: boolean; checkedAt: string; checks: IntegrityCheckResult[] }> {
    return this.scope.run(async (m) => {
      await m.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      const diff = await this.ledger.compareWithRebuilt(m);
      const found: Record<IntegrityCheckName, unknown[]> = {
        balanced_groups: await this.ledger.unbalancedGroups(m),
        author_balances: await this.checks.authorBalances(m),
        run_pools: await this.checks.runPools(m),
        paid_twice: await this.checks.paidTwice(m),
        payout_file_totals: await this.checks.payoutFileTotals(m),
        rebuild: [
          ...diff.extra.map((e) => ({ ...e, problem: 'stored entry nothing implies' })),
          ...diff.missing.map((e) => ({ ...e, problem: 'implied entry missing' })),
        ],
      };
      const checks = INTEGRITY_CHECKS.map((check) => ({ check, ok: found[check].length === 0, offending: found[check] }));
      return { ok: checks.every((c) => c.ok), checkedAt: new Date().toISOString(), checks };
    });
  }
}
