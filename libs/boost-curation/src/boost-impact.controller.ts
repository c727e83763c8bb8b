import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/src/index.js';
import { ApiMoney } from '../../core/src/http/api-docs.js';
import { BoostImpactService } from './boost-impact.service.js';

class BoostImpactPeriod {
  @ApiProperty() period!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the approved run (null: the month has none yet)' })
  runId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) simulationId!: string | null;
  @ApiMoney({ nullable: true, description: "the story's earnings in the run (µ$)" }) runMicros!: number | string | null;
  @ApiMoney({ nullable: true, description: "the story's earnings in the simulation without this boost (µ$)" })
  withoutBoostMicros!: number | string | null;
  @ApiMoney({ nullable: true, description: 'run minus simulation (µ$)' }) movedMicros!: number | string | null;
}

export class BoostImpactView {
  @ApiProperty() boostId!: string;
  @ApiProperty() storyId!: string;
  @ApiProperty({ enum: ['upcoming', 'active', 'ended'] }) state!: string;
  @ApiProperty({ type: [BoostImpactPeriod] }) periods!: BoostImpactPeriod[];
  @ApiMoney({ nullable: true, description: 'what the boost moved to the story over the months with an approved run (µ$)' })
  realisedMicros!: number | string | null;
  @ApiProperty({ required: false, description: 'every month of the window has an approved run' }) complete?: boolean;
}

export class BoostImpactEstimateView {
  @ApiProperty() nominationId!: string;
  @ApiProperty() storyId!: string;
  @ApiProperty({ enum: [true], description: 'always true: an estimate, not a result' }) estimate!: true;
  @ApiProperty() boostBps!: number;
  @ApiProperty() boostDays!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the month of the latest payout run (computed, approved or paid) the readership is taken from',
  })
  basisPeriod!: string | null;
  @ApiMoney({ nullable: true }) basisEarningsMicros!: number | string | null;
  @ApiProperty({ type: Number, nullable: true }) basisMemberReads!: number | null;
  @ApiMoney({ nullable: true, description: 'estimated extra earnings over the boost window (µ$)' }) estimatedMicros!:
    number | string | null;
}

/** What a boost moves: realised (from the runs) once it ended, estimated for a nomination. */
@ApiTags('boosts')
@ApiBearerAuth()
@Controller()
export class BoostImpactController {
  constructor(private readonly impact: BoostImpactService) {}

  @ApiOkResponse({ type: BoostImpactView })
  @Get('boosts/:id/impact')
  @Roles('curator', 'finance')
  realised(@Param('id') id: string) {
    return this.impact.realised(id);
  }

  @ApiOkResponse({ type: BoostImpactEstimateView })
  @Get('nominations/:id/impact-estimate')
  @Roles('curator')
  estimate(@Param('id') id: string) {
    return this.impact.estimate(id);
  }
}
