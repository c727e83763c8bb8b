import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { ApplicationsService } from './applications.service.js';
import { BulkApproveDto, CreateApplicationDto, RejectApplicationDto } from './eligibility.dto.js';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /** Filters: status, country, failingCheck, eligible, submittedAt_gte/_lte, memberId, q; sort by submittedAt (oldest first by default). */
  @Get()
  @Roles('reviewer')
  list(@Query() query: Record<string, unknown>) {
    return this.applications.list(query);
  }

  /** Every passing application the filter matches (status defaults to pending); reports the skipped ones and why. */
  @Post('bulk-approve')
  @HttpCode(200)
  @Roles('reviewer')
  bulkApprove(@CurrentStaff() actor: Actor, @Body() dto: BulkApproveDto) {
    return this.applications.bulkApprove(actor, dto);
  }

  @Get(':id')
  @Roles('reviewer')
  get(@Param('id') id: string) {
    return this.applications.get(id);
  }

  /** Staff entry (the checks are evaluated at once). */
  @Post()
  @Roles('reviewer')
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateApplicationDto) {
    return this.applications.create(actor, dto);
  }

  /** Only when all four checks pass now (422 naming the failing ones); 409 when already decided. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('reviewer')
  approve(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.applications.approve(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('reviewer')
  reject(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: RejectApplicationDto) {
    return this.applications.reject(actor, id, dto);
  }

  @Post(':id/recheck')
  @HttpCode(200)
  @Roles('reviewer')
  recheck(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.applications.recheck(actor, id);
  }
}
