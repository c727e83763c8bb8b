import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { BoostNominationDto, BulkDeclineDto, DeclineNominationDto, NominationClaimNextDto } from './boost-curation.dto.js';
import { BulkDeclineResultRecord, NominationRecord, NominatorRecord } from './boost-curation-views.dto.js';
import { NominationQueueService } from './nomination-queue.service.js';
import { NominationsService } from './nominations.service.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { NOMINATION_LIST, NOMINATOR_LIST } from './nominations.service.js';

@ApiTags('nominations')
@ApiBearerAuth()
@Controller('nominations')
export class NominationsController {
  constructor(
    private readonly nominations: NominationsService,
    private readonly queue: NominationQueueService,
  ) {}

  /** The curator queue (oldest first by default) with each story's facts. */
  @Get()
  @Roles('curator')
  @ApiList(NOMINATION_LIST, NominationRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.nominations.list(query);
  }

  /** The queue's live counts: pending, claimed by me / by others, decided today. */
  @Get('queue-stats')
  @Roles('curator')
  queueStats(@CurrentStaff() actor: Actor) {
    return this.queue.stats(actor);
  }

  /** Claims the next pending nomination nobody is working on (after `after`, oldest first); `{next: null}` when none. */
  @Post('claim-next')
  @HttpCode(200)
  @Roles('curator')
  claimNext(@CurrentStaff() actor: Actor, @Body() dto: NominationClaimNextDto) {
    return this.queue.claimNext(actor, dto);
  }

  /** Declines up to 100 pending nominations under one guideline; skips (and lists) the others. `dryRun`: preview. */
  @Post('bulk-decline')
  @HttpCode(200)
  @Roles('curator')
  @ApiOkResponse({ type: BulkDeclineResultRecord })
  bulkDecline(@CurrentStaff() actor: Actor, @Body() dto: BulkDeclineDto) {
    return this.queue.bulkDecline(actor, dto);
  }

  @Get(':id')
  @Roles('curator')
  @ApiOkResponse({ type: NominationRecord })
  get(@Param('id') id: string) {
    return this.nominations.get(id);
  }

  /** Takes or renews a review claim (10 minutes): 409 when another curator holds one or it is decided. */
  @Post(':id/claim')
  @HttpCode(200)
  @Roles('curator')
  claim(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.queue.claim(actor, id);
  }

  /** Ends the caller's claim without a decision. */
  @Post(':id/release')
  @HttpCode(200)
  @Roles('curator')
  release(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.queue.release(actor, id);
  }

  /** Boost: a boost window from now, `boostDays` long. Final: a second decision is a 409 (so is another curator's claim). */
  @Post(':id/boost')
  @HttpCode(200)
  @Roles('curator')
  @ApiOkResponse({ type: NominationRecord })
  boost(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: BoostNominationDto) {
    return this.nominations.boost(actor, id, dto);
  }

  /** Decline under a guideline reason, with a note. Final: a second decision is a 409. */
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('curator')
  @ApiOkResponse({ type: NominationRecord })
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
  @ApiList(NOMINATOR_LIST, NominatorRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.nominations.listNominators(query);
  }

  @Get(':id')
  @Roles('curator')
  @ApiOkResponse({ type: NominatorRecord })
  get(@Param('id') id: string) {
    return this.nominations.getNominator(id);
  }
}
