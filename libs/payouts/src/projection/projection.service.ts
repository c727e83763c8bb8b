import { Injectable } from '@nestjs/common';
import { notFound } from '../../../core/src/http/errors.js';
import { EarningsParametersService } from '../earnings-parameters.service.js';
import { projectPayout, type PayoutProjection } from './payout-projection.js';
import { ProjectionRepository } from './projection.repository.js';
import { projectionText } from './projection-text.js';

export type PayoutProjectionWithText = PayoutProjection & { authorId: string; asOf: Date; text: string };

/** "When will I be paid?" for an author (help desk: the ticket's writer context and `{{nextPayout}}`). */
@Injectable()
export class PayoutProjectionService {
  constructor(
    private readonly repo: ProjectionRepository,
    private readonly parameters: EarningsParametersService,
  ) {}

  async forAuthor(authorId: string, asOf: Date = new Date()): Promise<PayoutProjectionWithText> {
    const key = await this.repo.authorKey(authorId);
    if (key === undefined) throw notFound('author', authorId);
    const [latestFinalPeriod, statement, holds, released, account, payout] = await Promise.all([
      this.repo.latestFinalPeriod(),
      this.repo.latestFinalStatement(key),
      this.repo.holds(key),
      this.repo.released(key),
      this.repo.payoutAccount(key),
      this.parameters.section('payout'),
    ]);
    // No month-to-date estimates exist yet (issue 19): the projection says so instead of guessing.
    const projection = projectPayout({
      asOf,
      minPayoutCents: payout.minPayoutCents,
      latestFinalPeriod,
      statement,
      estimate: null,
      holds,
      released,
      account,
    });
    return { ...projection, authorId, asOf, text: projectionText(projection) };
  }
}
