import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../auth/access.decorators.js';
import { CreateStaffUserDto, UpdateStaffUserDto } from './staff.dto.js';
import { StaffService } from './staff.service.js';

@ApiTags('staff-users')
@ApiBearerAuth()
@Controller('staff-users')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @Roles('admin')
  list(@Query() query: Record<string, unknown>) {
    return this.staff.list(query);
  }

  @Get(':id')
  @Roles('admin')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.staff.get(id);
  }

  @Post()
  @Roles('admin')
  create(@CurrentStaff() actor: Actor, @Body() dto: CreateStaffUserDto) {
    return this.staff.create(actor, dto);
  }

  /** Edit name, roles, password, or disable (there is no delete: accounts stay for the audit trail). */
  @Put(':id')
  @Roles('admin')
  update(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateStaffUserDto) {
    return this.staff.update(actor, id, dto);
  }
}
