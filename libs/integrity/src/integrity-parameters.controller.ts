import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { badInput } from '../../core/src/http/errors.js';
import { Page } from '../../core/src/http/list-query.js';
import { StepUp } from '../../core/src/auth/step-up.decorator.js';
import { IntegrityParameterSetView, UpdateIntegrityParametersDto } from './integrity-parameters.js';
import { IntegrityParametersService, type IntegrityParameterSetView as SetView } from './integrity-parameters.service.js';

const view = (id: number | 'current', v: SetView): IntegrityParameterSetView => ({
  id,
  version: v.version,
  createdAt: v.createdAt?.toISOString() ?? null,
  createdBy: v.createdBy,
  createdByEmail: v.createdByEmail,
  ...v.params,
});

/**
 * The detector's thresholds, versioned like the earnings parameters: read by integrity
 * reviewers, changed by admins (each change a new audited version; cases keep the version
 * their flags were computed with).
 */
@ApiTags('integrity-parameters')
@ApiBearerAuth()
@Controller('integrity-parameters')
export class IntegrityParametersController {
  constructor(private readonly parameters: IntegrityParametersService) {}

  /** Every version, newest first, down to version 0 (the defaults). */
  @Get() @Roles('integrity') @ApiOkResponse({ type: [IntegrityParameterSetView] }) async history() {
    const versions = [...(await this.parameters.history()), await this.parameters.version(0)];
    return new Page(
      'integrity-parameters',
      0,
      versions.map((v) => view(v.version, v)),
      versions.length,
    );
  }

  @Get('current') @Roles('integrity') @ApiOkResponse({ type: IntegrityParameterSetView }) async current() {
    return view('current', await this.parameters.current());
  }

  @Get(':version') @Roles('integrity') @ApiOkResponse({ type: IntegrityParameterSetView }) async version(
    @Param('version') version: string,
  ) {
    if (!/^\d{1,9}$/.test(version))
      throw badInput('version must be a whole number', [{ field: 'version', message: 'must be a whole number' }]);
    const v = Number(version);
    return view(v, await this.parameters.version(v));
  }

  /** A new version from the current one with the given fields (the console's create); unchanged fields keep their value. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @StepUp()
  @ApiCreatedResponse({ type: IntegrityParameterSetView })
  async create(@CurrentStaff() actor: Actor, @Body() dto: UpdateIntegrityParametersDto) {
    const v = await this.parameters.update(actor, dto);
    return view(v.version, v);
  }

  @Put('current')
  @Roles('admin')
  @StepUp()
  @ApiOkResponse({ type: IntegrityParameterSetView })
  async update(@CurrentStaff() actor: Actor, @Body() dto: UpdateIntegrityParametersDto) {
    return view('current', await this.parameters.update(actor, dto));
  }
}
