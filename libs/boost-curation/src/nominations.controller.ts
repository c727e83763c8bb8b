import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { BoostNominationDto, DeclineNominationDto } from './boost-curation.dto.js';
import { NominationsService } from './nominations.service.js';

@ApiTags('nominations')
@ApiBearerAuth()
@Controller('nominations')
export class NominationsController {
  constructor(private readonly nominations: NominationsService) {}

  /** The curator queue (oldest first by default) with each story's facts. */
  @Get()
  @Roles('curator')
  list(@Query() query: Record<string, unknown>) {
    return this.nominations.list(query);
  }

  @Get(':id')
  @Roles('curator')
  get(@Param('id') id: string) {
    return this.nominations.get(id);
  }

  /** Boost: a boost window from now, `boostDays` long. Final: a second decision is a 409. */
  @Post(':id/boost')
  @HttpCode(200)
  @Roles('curator')
  boost(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: BoostNominationDto) {
    return this.nominations.boost(actor, id, dto);
  }

  /** Decline under a guideline reason, with a note. Final: a second decision is a 409. */
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('curator')
  decline(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: DeclineNominationDto) {
    return this.nominations.decline(actor, id, dto);
  }
}

@ApiTags('nominators')
@ApiBearerAuth()
@Controller('nominators')
export class NominatorsController {
  constructor(private readonly nominations: NominationsService) {}

  /** Per nominator (id = member id): nominations this month and in the last 7 days, approval rate, good standing. */
  @Get()
  @Roles('curator')
  list(@Query() query: Record<string, unknown>) {
    return this.nominations.listNominators(query);
  }

  @Get(':id')
  @Roles('curator')
  get(@Param('id') id: string) {
    return this.nominations.getNominator(id);
  }
}
