import { Injectable } from '@nestjs/common';
import { notFound } from '../../../core/src/http/errors.js';
import { periodOf } from '../../../core/src/period/period.js';
import { micros } from '../../../core/src/money/money.js';
import { EarningsParametersService } from '../earnings-parameters.service.js';
import { EstimatesService } from '../estimates/estimates.service.js';
import { type MonthEstimate, projectPayout, type PayoutProjection } from './payout-projection.js';
import { ProjectionRepository } from './projection.repository.js';
import { projectionText } from './projection-text.js';

export type PayoutProjectionWithText = PayoutProjection & { authorId: string; asOf: Date; text: string };

/** "When will I be paid?" for an author (help desk: the ticket's writer context and `{{nextPayout}}`). */
@Injectable()
export class PayoutProjectionService {
  constructor(
    private readonly repo: ProjectionRepository,
    private readonly parameters: EarningsParametersService,
    private readonly estimates: EstimatesService,
  ) {}

  /** The author's month-to-date estimate of the month of `asOf` (null before its first day is aggregated). */
  private async estimate(authorId: string, asOf: Date): Promise<MonthEstimate | null> {
    const e = await this.estimates.forAuthor(authorId, periodOf(asOf));
    // the estimate includes the whole of its last day
    return e.asOf ? { period: e.period, amountMicros: micros(e.storyEarningsMicros), asOf: new Date(`${e.asOf}T23:59:59.999Z`) } : null;
  }

  async forAuthor(authorId: string, asOf: Date = new Date()): Promise<PayoutProjectionWithText> {
    const key = await this.repo.authorKey(authorId);
    if (key === undefined) throw notFound('author', authorId);
    const [latestFinalPeriod, statement, holds, released, account, payout, estimate] = await Promise.all([
      this.repo.latestFinalPeriod(),
      this.repo.latestFinalStatement(key),
      this.repo.holds(key),
      this.repo.released(key),
      this.repo.payoutAccount(key),
      this.parameters.section('payout'),
      this.estimate(authorId, asOf),
    ]);
    const projection = projectPayout({
      asOf,
      minPayoutCents: payout.minPayoutCents,
      latestFinalPeriod,
      statement,
      estimate,
      holds,
      released,
      account,
    });
    return { ...projection, authorId, asOf, text: projectionText(projection) };
  }
}
