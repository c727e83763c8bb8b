import { ApiProperty } from '@nestjs/swagger';
import { ApiMoney } from '../../../core/src/http/api-docs.js';

/** One story's month-to-date estimate: its earnings so far and their breakdown (spec step 6). */
export class EstimatedStoryView {
  @ApiProperty() storyId!: string;
  @ApiProperty() authorId!: string;
  @ApiMoney() earningsMicros!: number | string;
  @ApiMoney() readingTimeMicros!: number | string;
  @ApiMoney() engagementMicros!: number | string;
  @ApiMoney() readRatioAdjustmentMicros!: number | string;
  @ApiMoney() followerBonusMicros!: number | string;
  @ApiMoney() boostBonusMicros!: number | string;
  @ApiProperty() views!: number;
  @ApiProperty() reads!: number;
  @ApiProperty() memberReads!: number;
}

/** A month-to-date estimate, labelled with the last day of data it includes. */
export class MonthEstimateRecord {
  @ApiProperty({ description: 'the open month (YYYY-MM) unless asked for another' }) period!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the last UTC day included (YYYY-MM-DD); null: no day aggregated yet' })
  asOf!: string | null;
  @ApiMoney({ description: "the estimated stories' earnings so far" }) storyEarningsMicros!: number | string;
  @ApiProperty({ type: [EstimatedStoryView], description: 'stories with earnings so far' }) stories!: EstimatedStoryView[];
}

export class AuthorEstimateRecord extends MonthEstimateRecord {
  @ApiProperty() authorId!: string;
}

export class StoryEstimateRecord extends MonthEstimateRecord {
  @ApiProperty() storyId!: string;
}

/** The days whose aggregation a refresh queued. */
export class EstimateRefreshRecord {
  @ApiProperty({ type: [String], description: 'UTC days (YYYY-MM-DD)' }) days!: string[];
}
