import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyStaff, CurrentStaff, Roles, type Actor } from '../../core/src/auth/access.decorators.js';
import { BodyLimit, ITEM_LIST_BODY_LIMITS } from '../../core/src/http/body-limits.js';
import { Page } from '../../core/src/http/list-query.js';
import { MoneyWrite } from '../../core/src/idempotency/money-write.decorator.js';
import { StepUp } from '../../core/src/auth/step-up.decorator.js';
import { AdjustmentsService } from './adjustments.service.js';
import { flatView, UpdateEarningsParametersDto } from './earnings-parameters.js';
import { EarningsParametersService, type ParameterSet } from './earnings-parameters.service.js';
import { PayoutFileService } from './payout-file.js';
import { PayoutResultsRepository, RUNS, STATEMENTS, STORY_EARNINGS } from './payout-results.repository.js';
import { ADJUSTMENT_LIST } from './adjustments.repository.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { PayoutRunsService } from './payout-runs.service.js';
import { CreateAdjustmentDto, MarkPaidDto, StartRunDto } from './payouts.dto.js';
import { AdjustmentView, PayoutRunShowView, PayoutRunView, StatementView, StoryEarningView } from './payouts-views.dto.js';

type ListParams = Record<string, unknown>;

@ApiTags('payout-runs')
@ApiBearerAuth()
@Controller('payout-runs')
export class PayoutRunsController {
  constructor(
    private readonly runs: PayoutRunsService,
    private readonly results: PayoutResultsRepository,
    private readonly file: PayoutFileService,
  ) {}

  @ApiList(RUNS, PayoutRunView)
  @Get()
  @AnyStaff()
  list(@Query() q: ListParams) {
    return this.results.listRuns(q);
  }

  @ApiOkResponse({ type: PayoutRunShowView })
  @Get(':id')
  @AnyStaff()
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.show(id);
  }

  /** 202: the run record, queued (a computed or failed run of the period is recomputed). */
  @Post() @HttpCode(202) @Roles('finance') @MoneyWrite() start(@CurrentStaff() actor: Actor, @Body() dto: StartRunDto) {
    return this.runs.start(actor, dto.period);
  }

  @ApiOkResponse({ type: PayoutRunShowView, description: 'the approved run, with the warnings the approval showed' })
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('finance')
  @MoneyWrite()
  approve(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.runs.approve(actor, id);
  }

  @Post(':id/mark-paid')
  @HttpCode(200)
  @Roles('finance')
  @MoneyWrite()
  @BodyLimit(ITEM_LIST_BODY_LIMITS)
  markPaid(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MarkPaidDto) {
    return this.runs.markPaid(actor, id, dto.payouts);
  }

  @Get(':id/payout-file')
  @Roles('finance')
  @StepUp()
  async payoutFile(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    await this.file.write(id, res);
  }
}

@ApiTags('story-earnings')
@ApiBearerAuth()
@Controller('story-earnings')
export class StoryEarningsController {
  constructor(private readonly results: PayoutResultsRepository) {}

  @ApiList(STORY_EARNINGS, StoryEarningView)
  @Get()
  @Roles('finance', 'support')
  list(@Query() q: ListParams) {
    return this.results.listStoryEarnings(q);
  }

  @ApiOkResponse({ type: StoryEarningView })
  @Get(':id')
  @Roles('finance', 'support')
  get(@Param('id') id: string) {
    return this.results.getStoryEarning(id);
  }
}

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(private readonly results: PayoutResultsRepository) {}

  @ApiList(STATEMENTS, StatementView)
  @Get()
  @Roles('finance', 'support')
  list(@Query() q: ListParams) {
    return this.results.listStatements(q);
  }

  @ApiOkResponse({ type: StatementView })
  @Get(':id')
  @Roles('finance', 'support')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.results.getStatement(id);
  }
}

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller('adjustments')
export class AdjustmentsController {
  constructor(private readonly adjustments: AdjustmentsService) {}

  @ApiList(ADJUSTMENT_LIST, AdjustmentView)
  @Get()
  @Roles('finance', 'support')
  list(@Query() q: ListParams) {
    return this.adjustments.list(q);
  }

  @ApiOkResponse({ type: AdjustmentView })
  @Get(':id')
  @Roles('finance', 'support')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.adjustments.get(id);
  }

  @Post() @Roles('finance') @MoneyWrite() create(@CurrentStaff() actor: Actor, @Body() dto: CreateAdjustmentDto) {
    return this.adjustments.create(actor, dto);
  }
}

/** A parameter set as the API shows it: one flat object of every section's fields. */
const view = (set: ParameterSet) => ({ ...set, params: flatView(set.params) });

/** The parameters for future runs: `current` is the one react-admin edits; the list is the history. */
@ApiTags('earnings-parameters')
@ApiBearerAuth()
@Controller('earnings-parameters')
export class EarningsParametersController {
  constructor(private readonly parameters: EarningsParametersService) {}

  @Get() @AnyStaff() async history() {
    const versions = await this.parameters.history();
    return new Page(
      'earnings-parameters',
      0,
      versions.map((v) => ({ id: v.version, ...view(v) })),
      versions.length,
    );
  }

  @Get('current') @AnyStaff() async current() {
    return { id: 'current', ...view(await this.parameters.current()) };
  }

  @Put('current') @Roles('admin') @StepUp() async update(@CurrentStaff() actor: Actor, @Body() dto: UpdateEarningsParametersDto) {
    return { id: 'current', ...view(await this.parameters.update(actor, dto)) };
  }
}
