import { ApiProperty } from '@nestjs/swagger';
import { ApiMoney, ApiTimestamp } from '../../../core/src/http/api-docs.js';
import { STATEMENT_STATUSES } from '../payout-rules.js';
import { SIMULATION_STATUSES } from './simulation-rules.js';

/** A simulation: its parameters, state, totals and the run it compares with. */
export class SimulationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ format: 'uuid', description: "the period's approved or paid run" }) runId!: string;
  @ApiProperty({ enum: SIMULATION_STATUSES }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'the run parameters it computed with' })
  params!: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
    description: "the fields that differ from the run's parameters",
  })
  changes!: Record<string, { from: number; to: number }>;
  @ApiProperty({ type: [String] }) withoutBoostIds!: string[];
  @ApiProperty({ description: 'reader–story pairs it excludes' }) excludedPairs!: number;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) createdByEmail!: string | null;
  @ApiMoney({ nullable: true }) poolMicros!: number | string | null;
  @ApiMoney({ nullable: true }) allocatedMicros!: number | string | null;
  @ApiMoney({ nullable: true }) unallocatedMicros!: number | string | null;
  @ApiProperty({ type: Number, nullable: true }) memberCount!: number | null;
  @ApiProperty({ type: Number, nullable: true }) pairCount!: number | null;
  @ApiMoney({ nullable: true }) runPoolMicros!: number | string | null;
  @ApiMoney({ nullable: true }) runAllocatedMicros!: number | string | null;
  @ApiTimestamp() createdAt!: string;
  @ApiTimestamp({ nullable: true }) startedAt!: string | null;
  @ApiTimestamp({ nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'how long the engine took' }) seconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

/** Both sides and the difference of each money part (earnings and the five of the breakdown). */
class DiffMoney {
  @ApiMoney() runEarningsMicros!: number | string;
  @ApiMoney() simEarningsMicros!: number | string;
  @ApiMoney() deltaEarningsMicros!: number | string;
  @ApiMoney() runReadingTimeMicros!: number | string;
  @ApiMoney() simReadingTimeMicros!: number | string;
  @ApiMoney() deltaReadingTimeMicros!: number | string;
  @ApiMoney() runEngagementMicros!: number | string;
  @ApiMoney() simEngagementMicros!: number | string;
  @ApiMoney() deltaEngagementMicros!: number | string;
  @ApiMoney() runReadRatioAdjustmentMicros!: number | string;
  @ApiMoney() simReadRatioAdjustmentMicros!: number | string;
  @ApiMoney() deltaReadRatioAdjustmentMicros!: number | string;
  @ApiMoney() runFollowerBonusMicros!: number | string;
  @ApiMoney() simFollowerBonusMicros!: number | string;
  @ApiMoney() deltaFollowerBonusMicros!: number | string;
  @ApiMoney() runBoostBonusMicros!: number | string;
  @ApiMoney() simBoostBonusMicros!: number | string;
  @ApiMoney() deltaBoostBonusMicros!: number | string;
}

/** An author's difference: story earnings by part, the statement on both sides, a threshold crossing. */
export class SimulationAuthorView extends DiffMoney {
  @ApiProperty({ description: 'simulationId:authorId' }) id!: string;
  @ApiProperty({ format: 'uuid' }) simulationId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ type: String, enum: STATEMENT_STATUSES, nullable: true }) runStatus!: string | null;
  @ApiProperty({ type: String, enum: STATEMENT_STATUSES, nullable: true }) simStatus!: string | null;
  @ApiMoney() runPayoutCents!: number | string;
  @ApiMoney() simPayoutCents!: number | string;
  @ApiProperty({
    type: String,
    enum: ['up', 'down'],
    nullable: true,
    description: 'up: paid in the simulation, carried in the run; down: the other way',
  })
  crossing!: 'up' | 'down' | null;
}

export class SimulationStoryView extends DiffMoney {
  @ApiProperty({ description: 'simulationId:storyId' }) id!: string;
  @ApiProperty({ format: 'uuid' }) simulationId!: string;
  @ApiProperty() storyId!: string;
  @ApiProperty() storyTitle!: string;
  @ApiProperty() authorId!: string;
}

class ComparisonTotals extends DiffMoney {
  @ApiMoney() runPayoutCents!: number | string;
  @ApiMoney() simPayoutCents!: number | string;
  @ApiProperty() authors!: number;
  @ApiProperty() gainers!: number;
  @ApiProperty() losers!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ description: 'authors paid in the simulation but carried in the run' }) crossedUp!: number;
  @ApiProperty({ description: 'authors paid in the run but carried in the simulation' }) crossedDown!: number;
}

class HistogramBucket {
  @ApiMoney({ description: 'lowest difference in the bucket (µ$, inclusive)' }) fromMicros!: number | string;
  @ApiMoney({ description: 'highest difference in the bucket (µ$, inclusive)' }) toMicros!: number | string;
  @ApiProperty() authors!: number;
}

/** A simulation compared with its run: totals, the authors' distribution, the largest gains and losses. */
export class SimulationComparisonView {
  @ApiProperty({ type: ComparisonTotals }) totals!: ComparisonTotals;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    description: "deciles of the authors' differences (µ$)",
  })
  deciles!: (number | string)[];
  @ApiProperty({ type: [HistogramBucket], description: 'the authors whose earnings change' }) histogram!: HistogramBucket[];
  @ApiProperty({ type: [SimulationAuthorView] }) topGainers!: SimulationAuthorView[];
  @ApiProperty({ type: [SimulationAuthorView] }) topLosers!: SimulationAuthorView[];
}
