import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, badInput, micros, type Micros } from '../../core/src/index.js';
import { monthIndex, periodProblem } from '../../core/src/period/period.js';
import { EarningsParametersService } from '../../payouts/src/earnings-parameters.service.js';
import type { ReferralCredits } from '../../payouts/src/referral-credits.port.js';
import { ReferralLegacyRepository } from './referral-legacy.repository.js';
import { REFERRAL_CUTOFF } from './referral-rules.js';

export interface HonorResult {
  /** Credit rows this call wrote (0 when the period was already honored). */
  credited: number;
  /** Reversal rows this call wrote (refunds seen since the credited periods). */
  reversed: number;
  /** The period's referral total after the call: the sum of all its rows, reversals included (µ$). */
  totalMicros: Micros;
}

/**
 * Honors legacy referrals for a period (spec/earnings.md step 8): the `honor-legacy-referrals`
 * job, the monthly schedule and the payout run all come here, and none passes parameters:
 * the share is the referral section of the current parameter set, read here, so whichever
 * job honors a period first, the credits are the same.
 *
 * Semantics of a run for period P (see ReferralCredit for the table):
 * 1. credits: for each honored referral (referredAt before the cutoff) and each charge of
 *    the referred member that is `paid` now and covers P, one `credit` row in P with the
 *    step 8 amount, unless that (referral, charge, P) already has one. A run never
 *    changes an existing row, so re-running P (or a parameter change afterwards) leaves
 *    P's credits as first written.
 * 2. reversals: for each `credit` of an earlier period whose charge is `refunded` now and
 *    that has no reversal yet, one `reversal` row in P with the negated amount.
 * Both are one `INSERT ... SELECT ... ON CONFLICT DO NOTHING` each, in one transaction
 * that first takes an advisory lock for P: a second run of P (another worker, a retry,
 * the payout run) waits, then finds nothing left to write. The partial unique indexes
 * are the guarantee even without the lock (e.g. runs of P and P+1 reversing the same credit).
 */
@Injectable()
export class ReferralCreditsService implements ReferralCredits {
  private readonly logger = new Logger('referral-credits');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ReferralLegacyRepository,
    private readonly audit: AuditService,
    private readonly parameters: EarningsParametersService,
  ) {}

  /**
   * Idempotent and safe concurrently. Pass `manager` to run inside the caller's
   * transaction (the payout run); the period lock is then held until it ends.
   */
  async honor(period: string, manager?: EntityManager): Promise<HonorResult> {
    const problem = periodProblem(period);
    if (problem) throw badInput(`period ${problem} (got "${String(period)}")`, [{ field: 'period', message: problem }]);
    const run = async (m: EntityManager): Promise<HonorResult> => {
      const index = monthIndex(period);
      await this.repo.lockPeriod(m, index);
      const { referralShareBps } = await this.parameters.section('referral', m);
      const credits = await this.repo.insertCredits(m, {
        period,
        monthIndex: index,
        periodStart: `${period}-01`,
        shareBps: referralShareBps,
        cutoff: REFERRAL_CUTOFF,
      });
      const reversals = await this.repo.insertReversals(m, period);
      const totalMicros = micros(await this.repo.periodTotal(m, period));
      if (credits.n > 0 || reversals.n > 0) {
        await this.audit.record(m, null, {
          action: 'referral-credits.honor',
          entityType: 'referral-credits',
          entityId: period,
          after: {
            credited: credits.n,
            creditedMicros: credits.sum,
            reversed: reversals.n,
            reversedMicros: reversals.sum,
            referralShareBps,
          },
        });
      }
      return { credited: credits.n, reversed: reversals.n, totalMicros };
    };
    const result = manager ? await run(manager) : await this.dataSource.transaction(run);
    this.logger.log(
      { period, credited: result.credited, reversed: result.reversed, totalMicros: result.totalMicros.toString() },
      'honored legacy referrals',
    );
    return result;
  }
}
