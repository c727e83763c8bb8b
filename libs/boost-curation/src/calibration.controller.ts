import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/src/index.js';
import { ApiList, ApiMoney } from '../../core/src/http/api-docs.js';
import { CalibrationService, CURATOR_CALIBRATION_LIST, NOMINATOR_CALIBRATION_LIST } from './calibration.service.js';

/** The realised effect of the ended boosts among a row's nominations or choices (boost impact's stored measurements). */
class CalibrationEffectRecord {
  @ApiProperty({ type: 'integer', description: 'boosts whose window has ended' }) endedBoosts!: number;
  @ApiProperty({ type: 'integer', description: 'ended boosts with a complete measurement (every month of the window has an approved run)' })
  measuredBoosts!: number;
  @ApiProperty({ type: 'integer', description: 'ended, not measurable yet: a month of the window has no approved run' })
  awaitingRunBoosts!: number;
  @ApiProperty({ type: 'integer', description: 'ended, measurable, but boost impact has not been computed for it yet' })
  awaitingSimulationBoosts!: number;
  @ApiMoney({ nullable: true, description: 'what the measured boosts moved, summed (µ$; null: none measured)' })
  realisedMicros!: number | string | null;
  @ApiMoney({ nullable: true, description: 'the median measured boost (the lower middle for an even count; µ$)' })
  medianRealisedMicros!: number | string | null;
}

/** Per nominator (id = member id) over the nominations made in the months filtered. */
export class NominatorCalibrationRecord extends CalibrationEffectRecord {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer' }) nominations!: number;
  @ApiProperty({ type: 'integer' }) boosted!: number;
  @ApiProperty({ type: 'integer', description: 'declined by a curator' }) declined!: number;
  @ApiProperty({ type: 'integer', description: 'refused by the rules at intake' }) refused!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'boosted / (boosted + declined), basis points, floor; null: none decided' })
  acceptanceRateBps!: number | null;
}

/** Per curator (id = staff user id) over the decisions made and boosts started in the months filtered. */
export class CuratorCalibrationRecord extends CalibrationEffectRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: 'integer', description: 'nominations boosted or declined' }) decisions!: number;
  @ApiProperty({ type: 'integer' }) boosted!: number;
  @ApiProperty({ type: 'integer' }) declined!: number;
  @ApiProperty({ type: 'integer', description: 'stories boosted without a nomination' }) storyBoosts!: number;
  @ApiProperty({ type: 'integer', description: 'boosts created: nominations boosted and story boosts' }) boostsChosen!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'boosted / decisions, basis points, floor; null: no decision' })
  acceptanceRateBps!: number | null;
}

/** Nominator and curator calibration: acceptance rates and what the boosts proposed or chosen moved. */
@ApiTags('boosts')
@ApiBearerAuth()
@Controller()
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  @Get('nominator-calibration')
  @Roles('curator')
  @ApiList(NOMINATOR_CALIBRATION_LIST, NominatorCalibrationRecord)
  nominators(@Query() query: Record<string, unknown>) {
    return this.calibration.nominators(query);
  }

  @Get('curator-calibration')
  @Roles('curator')
  @ApiList(CURATOR_CALIBRATION_LIST, CuratorCalibrationRecord)
  curators(@Query() query: Record<string, unknown>) {
    return this.calibration.curators(query);
  }
}
