import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { toJson } from '../../core/src/money/money.js';
import { APPROVAL_WARNINGS, type ApprovalWarnings } from './approval-warnings.port.js';

/** A warning as the API shows it (money as a JSON integer). */
export interface ApprovalWarningJson {
  code: string;
  message: string;
  amountMicros: number | string | null;
  details?: Record<string, unknown>;
}

/**
 * The warnings approving a run shows (from whoever provides APPROVAL_WARNINGS; none when
 * nobody does). They never block an approval: a provider that fails becomes a warning too.
 */
@Injectable()
export class ApprovalWarningsReader {
  private readonly log = new Logger('ApprovalWarnings');

  constructor(@Optional() @Inject(APPROVAL_WARNINGS) private readonly provider?: ApprovalWarnings) {}

  async forRun(db: DataSource | EntityManager, run: { id: string; period: string }): Promise<ApprovalWarningJson[]> {
    if (!this.provider) return [];
    // in a transaction, a failing provider must not abort it: a savepoint keeps the approval going
    const tx = 'queryRunner' in db && db.queryRunner?.isTransactionActive;
    try {
      if (tx) await db.query('SAVEPOINT approval_warnings');
      const found = await this.provider.forRun(db, run);
      if (tx) await db.query('RELEASE SAVEPOINT approval_warnings');
      return found.map((w) => ({ ...w, amountMicros: w.amountMicros === null ? null : toJson(w.amountMicros) }));
    } catch (error) {
      if (tx) await db.query('ROLLBACK TO SAVEPOINT approval_warnings');
      this.log.error(`approval warnings of run ${run.id} failed: ${(error as Error).message}`);
      return [
        {
          code: 'warnings_unavailable',
          message: `the approval warnings could not be read: ${(error as Error).message}`,
          amountMicros: null,
        },
      ];
    }
  }
}
