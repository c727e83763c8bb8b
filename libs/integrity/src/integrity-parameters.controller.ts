import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { Page } from '../../core/src/http/list-query.js';
import { StepUp } from '../../core/src/auth/step-up.decorator.js';
import { UpdateIntegrityParametersDto } from './integrity-parameters.js';
import { IntegrityParametersService, type IntegrityParameterSetView } from './integrity-parameters.service.js';

const view = (v: IntegrityParameterSetView) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy, ...v.params });

/** The detector's thresholds: read by integrity reviewers, changed by admins (a new audited version). */
@ApiTags('integrity-parameters')
@ApiBearerAuth()
@Controller('integrity-parameters')
export class IntegrityParametersController {
  constructor(private readonly parameters: IntegrityParametersService) {}

  @Get() @Roles('integrity') async history() {
    const versions = await this.parameters.history();
    return new Page(
      'integrity-parameters',
      0,
      versions.map((v) => ({ id: v.version, ...view(v) })),
      versions.length,
    );
  }

  @Get('current') @Roles('integrity') async current() {
    return { id: 'current', ...view(await this.parameters.current()) };
  }

  @Put('current') @Roles('admin') @StepUp() async update(@CurrentStaff() actor: Actor, @Body() dto: UpdateIntegrityParametersDto) {
    return { id: 'current', ...view(await this.parameters.update(actor, dto)) };
  }
}
