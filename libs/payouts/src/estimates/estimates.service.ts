import { Injectable } from '@nestjs/common';
import { badInput, notFound } from '../../../core/src/http/errors.js';
import { isPeriod, periodOf } from '../../../core/src/period/period.js';
import { EarningsParametersService } from '../earnings-parameters.service.js';
import { runParameters } from '../earnings-parameters.js';
import type { EstimateTarget } from './estimate-sql.js';
import { isDay } from './estimate-days-sql.js';
import { type EstimatedStory, EstimatesRepository } from './estimates.repository.js';

/** A month-to-date estimate: labelled with the last day of data it includes (null: no day aggregated yet). */
export interface MonthEstimateView {
  period: string;
  asOf: string | null;
  storyEarningsMicros: string;
  stories: EstimatedStory[];
}

/**
 * Month-to-date estimates (issue 19): the daily aggregation of a day's reading data, and the
 * estimate of an author's or a story's earnings so far, computed on request from the days.
 */
@Injectable()
export class EstimatesService {
  constructor(
    private readonly repo: EstimatesRepository,
    private readonly parameters: EarningsParametersService,
  ) {}

  private async params() {
    return runParameters((await this.parameters.current()).params);
  }

  /** Replaces one day's aggregates (idempotent). */
  async aggregateDay(day: string): Promise<void> {
    if (!isDay(day)) throw badInput(`day must be a date YYYY-MM-DD (got ${JSON.stringify(day)})`);
    await this.repo.aggregateDay(day, await this.params());
  }

  /** The days the daily job aggregates for `day`: that day, every day marked since, and days built with other parameters. */
  async daysFor(day: string): Promise<string[]> {
    return [...new Set([day, ...(await this.repo.daysToRefresh(day, await this.params()))])].sort();
  }

  async forAuthor(authorId: string, period?: string): Promise<MonthEstimateView & { authorId: string }> {
    const key = await this.repo.authorKey(authorId);
    if (key === undefined) throw notFound('author', authorId);
    return { authorId, ...(await this.estimate({ authorKey: key }, period)) };
  }

  async forStory(storyId: string, period?: string): Promise<MonthEstimateView & { storyId: string }> {
    const key = await this.repo.storyKey(storyId);
    if (key === undefined) throw notFound('story', storyId);
    return { storyId, ...(await this.estimate({ storyKey: key }, period)) };
  }

  /** Every story's estimate for the period (tests and checks; the console asks per author or story). */
  async forPeriod(period: string): Promise<MonthEstimateView> {
    return this.estimate('all', period);
  }

  private async estimate(target: EstimateTarget, period: string = periodOf(new Date())): Promise<MonthEstimateView> {
    if (!isPeriod(period)) throw badInput(`period must be YYYY-MM (got ${JSON.stringify(period)})`);
    const asOf = await this.repo.asOf(period);
    const stories = asOf ? await this.repo.estimate(period, target, await this.params()) : [];
    const total = stories.reduce((sum, st) => sum + BigInt(st.earningsMicros), 0n);
    return { period, asOf, storyEarningsMicros: total.toString(), stories };
  }
}
