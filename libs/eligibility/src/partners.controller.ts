import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { PartnerActionDto } from './eligibility.dto.js';
import { PartnersService } from './partners.service.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { PARTNER_LIST } from './partners.repository.js';
import { PartnerDetailRecord, PartnerRecord } from './eligibility-views.dto.js';

/** Partners are addressed by the member's external id. */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Roles('reviewer', 'support', 'finance')
  @ApiList(PARTNER_LIST, PartnerRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.partners.list(query);
  }

  /** The partner with their status history and enrollments. */
  @Get(':id')
  @Roles('reviewer', 'support', 'finance')
  @ApiOkResponse({ type: PartnerDetailRecord })
  get(@Param('id') id: string) {
    return this.partners.get(id);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: PartnerRecord })
  suspend(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: PartnerActionDto) {
    return this.partners.change(actor, id, 'suspend', dto.reason);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: PartnerRecord })
  reinstate(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: PartnerActionDto) {
    return this.partners.change(actor, id, 'reinstate', dto.reason);
  }

  /** Ends the enrollment (policy); the writer may apply again. */
  @Post(':id/remove')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: PartnerRecord })
  remove(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: PartnerActionDto) {
    return this.partners.change(actor, id, 'remove', dto.reason);
  }

  /** The writer's own choice; ends the enrollment. */
  @Post(':id/leave')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: PartnerRecord })
  leave(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: PartnerActionDto) {
    return this.partners.change(actor, id, 'leave', dto.reason);
  }
}
