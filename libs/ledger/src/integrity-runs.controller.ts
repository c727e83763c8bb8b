import { createHash } from 'node:crypto';
import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IntegrityRunView, LatestIntegrityRun } from './ledger-views.dto.js';
import { CurrentStaff, Roles, type Actor } from '../../core/src/auth/access.decorators.js';
import { badInput } from '../../core/src/http/errors.js';
import { IntegrityRunsService } from './integrity-runs.service.js';
import { RUNS } from './integrity-runs.repository.js';
import { ApiList } from '../../core/src/http/api-docs.js';

/**
 * The stored runs of the integrity checks (the daily job's and finance's): the latest for
 * the dashboard and the integrity page, and "run checks now".
 */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger-integrity-runs')
export class IntegrityRunsController {
  constructor(private readonly runs: IntegrityRunsService) {}

  @ApiList(RUNS, IntegrityRunView)
  @Get()
  @Roles('finance')
  list(@Query() q: Record<string, unknown>) {
    return this.runs.list(q);
  }

  /** `{run}`: the latest stored run, `null` before the first. */
  @ApiOkResponse({ type: LatestIntegrityRun })
  @Get('latest')
  @Roles('finance')
  async latest() {
    return { run: await this.runs.latest() };
  }

  @ApiOkResponse({ type: IntegrityRunView })
  @Get(':id')
  @Roles('finance')
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  /**
   * Runs every check now and stores the outcome (201). Not a money write: it changes no money.
   * It takes an Idempotency-Key, as every console write does: a repeat with the same key (a
   * retried click) returns the stored run and runs nothing; without a key, a 400.
   */
  @ApiCreatedResponse({ type: IntegrityRunView })
  @Post()
  @HttpCode(201)
  @Roles('finance')
  async runNow(@CurrentStaff() actor: Actor, @Headers('idempotency-key') key?: string) {
    if (typeof key !== 'string' || key.length === 0) {
      throw badInput('Idempotency-Key is required: send one per click of "run checks now"', [
        { field: 'Idempotency-Key', message: 'required' },
      ]);
    }
    const suffix = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const { run } = await this.runs.runOnce(`manual:${actor.id}:${suffix}`, 'manual', actor);
    return run;
  }
}
