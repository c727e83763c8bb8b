import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../core/src/auth/access.decorators.js';
import { micros, toJson } from '../../../core/src/money/money.js';
import type { EstimatedStory } from './estimates.repository.js';
import { EstimatesQueue } from './estimates-queue.js';
import { EstimatesService, type MonthEstimateView } from './estimates.service.js';
import { AuthorEstimateRecord, EstimateRefreshRecord, StoryEstimateRecord } from './estimates-views.dto.js';

const MONEY = [
  'earningsMicros',
  'readingTimeMicros',
  'engagementMicros',
  'readRatioAdjustmentMicros',
  'followerBonusMicros',
  'boostBonusMicros',
] as const;

/** The estimate with its amounts as JSON integers (decimal strings beyond 2^53). */
function json<T extends MonthEstimateView>(e: T) {
  const story = (st: EstimatedStory) => ({ ...st, ...Object.fromEntries(MONEY.map((k) => [k, toJson(micros(st[k]))])) });
  return { ...e, storyEarningsMicros: toJson(micros(e.storyEarningsMicros)), stories: e.stories.map(story) };
}

/** Month-to-date estimates of an author's or a story's earnings (support, finance, curators). */
@ApiTags('estimates')
@ApiBearerAuth()
@Controller('estimates')
export class EstimatesController {
  constructor(
    private readonly estimates: EstimatesService,
    private readonly queue: EstimatesQueue,
  ) {}

  /** Queues the aggregation of today so far and of every day whose data changed, without waiting for the 01:00 job. */
  @ApiOkResponse({ type: EstimateRefreshRecord })
  @Post('refresh')
  @HttpCode(202)
  @Roles('finance')
  async refresh() {
    return { days: await this.queue.queueDays(await this.estimates.daysFor(new Date().toISOString().slice(0, 10))) };
  }

  @ApiOkResponse({ type: AuthorEstimateRecord })
  @ApiQuery({ name: 'period', required: false, description: 'YYYY-MM (default: the open month)' })
  @Get('authors/:authorId')
  @Roles('support', 'finance', 'curator')
  async author(@Param('authorId') authorId: string, @Query('period') period?: string) {
    return json(await this.estimates.forAuthor(authorId, period));
  }

  @ApiOkResponse({ type: StoryEstimateRecord })
  @ApiQuery({ name: 'period', required: false, description: 'YYYY-MM (default: the open month)' })
  @Get('stories/:storyId')
  @Roles('support', 'finance', 'curator')
  async story(@Param('storyId') storyId: string, @Query('period') period?: string) {
    return json(await this.estimates.forStory(storyId, period));
  }
}
