import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { ApprovalWarning, ApprovalWarnings } from '../../payouts/src/index.js';
import { CasesRepository } from './cases.repository.js';
import { IntegrityParametersService } from './integrity-parameters.service.js';

/**
 * Payouts' APPROVAL_WARNINGS: approving a run warns (never blocks) when its period has open
 * integrity cases with money at stake of `approvalWarningCents` or more, or not computed yet
 * (unknown is not known to be small).
 */
@Injectable()
export class IntegrityApprovalWarnings implements ApprovalWarnings {
  constructor(
    private readonly parameters: IntegrityParametersService,
    private readonly cases: CasesRepository,
  ) {}

  async forRun(db: DataSource | EntityManager, run: { id: string; period: string }): Promise<ApprovalWarning[]> {
    const { params } = await this.parameters.current(db);
    const open = await this.cases.openAtStake(db, run.period, params.approvalWarningCents);
    if (open.cases === 0) return [];
    const unknown = open.notComputed > 0 ? ` (${open.notComputed} with money at stake not computed yet)` : '';
    return [
      {
        code: 'integrity_open_cases',
        message: `${open.cases} open integrity case${open.cases === 1 ? '' : 's'} for ${run.period}${unknown}: review them before paying, or approve anyway`,
        amountMicros: open.notComputed === open.cases ? null : BigInt(open.atStakeMicros),
        details: { cases: open.cases, notComputed: open.notComputed, caseIds: open.ids },
      },
    ];
  }
}
