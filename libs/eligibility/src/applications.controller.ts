import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { ApplicationQueueService } from './application-queue.service.js';
import { ApplicationsService } from './applications.service.js';
import { BulkApproveDto, ClaimNextDto, CreateApplicationDto, RejectApplicationDto } from './eligibility.dto.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { APPLICATION_LIST } from './applications.repository.js';
import { ApplicationRecord, BulkApproveResultRecord } from './eligibility-views.dto.js';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly queue: ApplicationQueueService,
  ) {}

  /** Filters: status, country, failingCheck, eligible, submittedAt_gte/_lte, memberId, q; sort by submittedAt (oldest first by default). */
  @Get()
  @Roles('reviewer')
  @ApiList(APPLICATION_LIST, ApplicationRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.applications.list(query);
  }

  /** The queue's live counts: pending, eligible, failing, claimed by me / by others, decided today. */
  @Get('queue-stats')
  @Roles('reviewer')
  queueStats(@CurrentStaff() actor: Actor) {
    return this.queue.stats(actor);
  }

  /** Claims the next pending application nobody is working on (after `after`, in queue order); `{next: null}` when none. */
  @Post('claim-next')
  @HttpCode(200)
  @Roles('reviewer')
  claimNext(@CurrentStaff() actor: Actor, @Body() dto: ClaimNextDto) {
    return this.queue.claimNext(actor, dto);
  }

  /** Every passing application the filter matches (status defaults to pending); reports the skipped ones and why. `dryRun`: preview. */
  @Post('bulk-approve')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: BulkApproveResultRecord })
  bulkApprove(@CurrentStaff() actor: Actor, @Body() dto: BulkApproveDto) {
    return this.applications.bulkApprove(actor, dto);
  }

  @Get(':id')
  @Roles('reviewer')
  @ApiOkResponse({ type: ApplicationRecord })
  get(@Param('id') id: string) {
    return this.applications.get(id);
  }

  /** Staff entry (the checks are evaluated at once). */
  @Post()
  @Roles('reviewer')
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateApplicationDto) {
    return this.applications.create(actor, dto);
  }

  /** Only when all four checks pass now (422 naming the failing ones); 409 when already decided or claimed by another reviewer. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: ApplicationRecord })
  approve(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.applications.approve(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: ApplicationRecord })
  reject(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: RejectApplicationDto) {
    return this.applications.reject(actor, id, dto);
  }

  /** Takes or renews a review claim (10 minutes): 409 when another reviewer holds one or the application is decided. */
  @Post(':id/claim')
  @HttpCode(200)
  @Roles('reviewer')
  claim(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.queue.claim(actor, id);
  }

  /** Ends the caller's claim without a decision. */
  @Post(':id/release')
  @HttpCode(200)
  @Roles('reviewer')
  release(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.queue.release(actor, id);
  }

  @Post(':id/recheck')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: ApplicationRecord })
  recheck(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.applications.recheck(actor, id);
  }
}
