import { col, money, roundingColumn, type CsvColumn } from '../../components/csv';
import type { StoryEarning } from './index';

const parts: ((r: StoryEarning) => number | string)[] = [
  (r) => r.readingTimeMicros,
  (r) => r.engagementMicros,
  (r) => r.readRatioAdjustmentMicros,
  (r) => r.followerBonusMicros,
  (r) => r.boostBonusMicros,
];

/** One row per story and month: the earnings and their parts (dollars add up with the rounding column), then the counts. */
export const storyEarningCsv: CsvColumn<StoryEarning>[] = [
  col('Period', (r) => r.period),
  col('Story id', (r) => r.storyId),
  col('Story', (r) => r.storyTitle),
  col('Author id', (r) => r.authorId),
  col('Author', (r) => r.authorName),
  money('Reading time', (r) => r.readingTimeMicros),
  money('Engagement', (r) => r.engagementMicros),
  money('Read ratio adjustment', (r) => r.readRatioAdjustmentMicros),
  money('Follower bonus', (r) => r.followerBonusMicros),
  money('Boost bonus', (r) => r.boostBonusMicros),
  roundingColumn(parts, (r) => r.earningsMicros),
  money('Earnings', (r) => r.earningsMicros),
  col('Views', (r) => r.views),
  col('Reads', (r) => r.reads),
  col('Member reads', (r) => r.memberReads),
  col('Member reading time (seconds)', (r) => r.memberReadingSeconds),
  col('Read ratio adjustment (bps)', (r) => r.readRatioAdjustmentBps),
  col('Clappers', (r) => r.clappers),
  col('Highlighters', (r) => r.highlighters),
  col('Repliers', (r) => r.repliers),
  col('New follows', (r) => r.newFollows),
  col('Follower readers', (r) => r.followerReaders),
  col('Boosted readers', (r) => r.boostedReaders),
  col('Run', (r) => r.runId),
];
