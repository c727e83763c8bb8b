import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { CurrentStaff, Roles, type Actor } from '../../../core/src/auth/access.decorators.js';
import { ApiList } from '../../../core/src/http/api-docs.js';
import { CreateSimulationDto } from './simulation.dto.js';
import { SimulationResultsRepository, SIMULATION_AUTHORS, SIMULATION_STORIES, SIMULATIONS } from './simulation-results.repository.js';
import { SimulationAuthorView, SimulationComparisonView, SimulationStoryView, SimulationView } from './simulation-views.dto.js';
import { SimulationsService } from './simulations.service.js';

type ListParams = Record<string, unknown>;

const CSV_COLUMNS = [
  'authorId',
  'authorName',
  'runEarningsMicros',
  'simEarningsMicros',
  'deltaEarningsMicros',
  'deltaReadingTimeMicros',
  'deltaEngagementMicros',
  'deltaReadRatioAdjustmentMicros',
  'deltaFollowerBonusMicros',
  'deltaBoostBonusMicros',
  'runStatus',
  'simStatus',
  'runPayoutCents',
  'simPayoutCents',
  'crossing',
];

/** What-if runs (admin, finance): queued, listed, compared with their run, exported, deleted. */
@ApiTags('simulations')
@ApiBearerAuth()
@Controller('simulations')
export class SimulationsController {
  constructor(
    private readonly simulations: SimulationsService,
    private readonly results: SimulationResultsRepository,
  ) {}

  @ApiList(SIMULATIONS, SimulationView)
  @Get()
  @Roles('finance')
  list(@Query() q: ListParams) {
    return this.results.list(q);
  }

  @ApiOkResponse({ type: SimulationView })
  @Get(':id')
  @Roles('finance')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.results.get(id);
  }

  @ApiOkResponse({ type: SimulationComparisonView })
  @Get(':id/comparison')
  @Roles('finance')
  async comparison(@Param('id', ParseUUIDPipe) id: string) {
    await this.results.get(id); // 404 for an unknown one
    return this.results.comparison(id);
  }

  /** Every author's difference as CSV (µ$ and cents as integers), largest loss first. */
  @Get(':id/authors.csv')
  @Roles('finance')
  async csv(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const sim = await this.results.get(id);
    const found = await this.results.authorRows(id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="simulation-${sim.period}-${id.slice(0, 8)}.csv"`);
    const out = stringify({ header: true, columns: CSV_COLUMNS });
    out.pipe(res);
    for (const r of found) out.write(CSV_COLUMNS.map((c) => r[c] ?? ''));
    out.end();
  }

  /** 202: the simulation, queued. */
  @ApiOkResponse({ type: SimulationView })
  @Post()
  @HttpCode(202)
  @Roles('finance')
  async create(@CurrentStaff() actor: Actor, @Body() dto: CreateSimulationDto) {
    return this.results.get(await this.simulations.create(actor, dto));
  }

  @Delete(':id')
  @Roles('finance')
  async delete(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.simulations.delete(actor, id);
    return { id };
  }
}

@ApiTags('simulations')
@ApiBearerAuth()
@Controller('simulation-authors')
export class SimulationAuthorsController {
  constructor(private readonly results: SimulationResultsRepository) {}

  @ApiList(SIMULATION_AUTHORS, SimulationAuthorView)
  @Get()
  @Roles('finance')
  list(@Query() q: ListParams) {
    return this.results.listAuthors(q);
  }
}

@ApiTags('simulations')
@ApiBearerAuth()
@Controller('simulation-stories')
export class SimulationStoriesController {
  constructor(private readonly results: SimulationResultsRepository) {}

  @ApiList(SIMULATION_STORIES, SimulationStoryView)
  @Get()
  @Roles('finance')
  list(@Query() q: ListParams) {
    return this.results.listStories(q);
  }
}
