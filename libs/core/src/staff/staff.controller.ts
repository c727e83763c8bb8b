import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ResetSecondFactorDto } from '../auth/second-factor.dto.js';
import { SecondFactorService } from '../auth/second-factor.service.js';
import { StepUp } from '../auth/step-up.decorator.js';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../auth/access.decorators.js';
import { CreateStaffUserDto, StaffUserRecord, UpdateStaffUserDto } from './staff.dto.js';
import { StaffService } from './staff.service.js';
import { ApiList } from '../http/api-docs.js';
import { STAFF_LIST } from './staff.service.js';

@ApiTags('staff-users')
@ApiBearerAuth()
@Controller('staff-users')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @Get()
  @Roles('admin')
  @ApiList(STAFF_LIST, StaffUserRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.staff.list(query);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: StaffUserRecord })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.staff.get(id);
  }

  @Post()
  @Roles('admin')
  @StepUp()
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateStaffUserDto) {
    return this.staff.create(actor, dto);
  }

  /** Edit name, roles, password, or disable (there is no delete: accounts stay for the audit trail). */
  @Put(':id')
  @Roles('admin')
  @StepUp()
  @ApiOkResponse({ type: StaffUserRecord })
  update(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateStaffUserDto) {
    return this.staff.update(actor, id, dto);
  }

  /** Removes another account's second factor (lost phone or codes): it enrols again at its next sign-in. */
  @Post(':id/second-factor/reset')
  @HttpCode(200)
  @Roles('admin')
  @StepUp()
  resetSecondFactor(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetSecondFactorDto) {
    return this.secondFactor.reset(actor, id, dto.reason);
  }
}
