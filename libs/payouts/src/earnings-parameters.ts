import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** The *param* values of spec/earnings.md; a run stores the set it used. */
export interface EarningsParameters {
  writerShareBps: number;
  qualifiedReadSeconds: number;
  sessionCapSeconds: number;
  readRatioOffsetBps: number;
  readRatioMinBps: number;
  readRatioMaxBps: number;
  clapPoints: number;
  highlightPoints: number;
  replyPoints: number;
  newFollowPoints: number;
  followerBps: number;
  boostBps: number;
  referralShareBps: number;
  referralCutoff: string;
  minPayoutCents: number;
  forfeitAfterDays: number;
  boostDays: number;
  /** How many member shards a run is split into (results do not depend on it). */
  shards: number;
}

export const DEFAULT_EARNINGS_PARAMETERS: EarningsParameters = {
  writerShareBps: 5000,
  qualifiedReadSeconds: 30,
  sessionCapSeconds: 1800,
  readRatioOffsetBps: 6000,
  readRatioMinBps: 5000,
  readRatioMaxBps: 15000,
  clapPoints: 60,
  highlightPoints: 60,
  replyPoints: 120,
  newFollowPoints: 180,
  followerBps: 12500,
  boostBps: 20000,
  referralShareBps: 5000,
  referralCutoff: '2023-09-01T00:00:00Z',
  minPayoutCents: 1000,
  forfeitAfterDays: 180,
  boostDays: 14,
  shards: 8,
};

/** An optional non-negative integer parameter, at most `max`. */
const int = (max: number, min = 0): PropertyDecorator => (target, key) => {
  for (const d of [ApiPropertyOptional({ minimum: min, maximum: max }), IsOptional(), IsInt(), Min(min), Max(max)]) d(target, key);
};

/** A change of parameters for future runs (admin); omitted fields keep their current value. */
export class UpdateEarningsParametersDto implements Partial<EarningsParameters> {
  @int(10000) writerShareBps?: number;
  @int(86400) qualifiedReadSeconds?: number;
  @int(86400, 1) sessionCapSeconds?: number;
  @int(1_000_000) readRatioOffsetBps?: number;
  @int(1_000_000, 1) readRatioMinBps?: number;
  @int(1_000_000, 1) readRatioMaxBps?: number;
  @int(100000) clapPoints?: number;
  @int(100000) highlightPoints?: number;
  @int(100000) replyPoints?: number;
  @int(100000) newFollowPoints?: number;
  @int(1_000_000, 1) followerBps?: number;
  @int(1_000_000, 1) boostBps?: number;
  @int(10000) referralShareBps?: number;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) referralCutoff?: string;
  @int(1_000_000) minPayoutCents?: number;
  @int(3650, 1) forfeitAfterDays?: number;
  @int(365, 1) boostDays?: number;
  @int(256, 1) shards?: number;
}
