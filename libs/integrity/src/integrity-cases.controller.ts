import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../core/src/index.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { MoneyWrite } from '../../core/src/idempotency/money-write.decorator.js';
import { CASE_LIST } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { CaseDecisionDto, CaseNoteDto, CaseRevertDto, DetectDto } from './integrity.dto.js';
import { SignalsQueue } from './signals.service.js';
import { IntegrityCaseDetailRecord, IntegrityCaseRecord } from './integrity-views.dto.js';

/** The integrity queue: cases of gamed reading, their evidence and decisions (integrity reviewers and admins). */
@ApiTags('integrity-cases')
@ApiBearerAuth()
@Controller('integrity-cases')
export class IntegrityCasesController {
  constructor(
    private readonly signals: SignalsQueue,
    private readonly cases: CasesService,
  ) {}

  /** The cases (highest score first by default), with money at stake (null: not computed yet). */
  @Get()
  @Roles('integrity')
  @ApiList(CASE_LIST, IntegrityCaseRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.cases.list(query);
  }

  /** Queues the period's detection now (one job per period; a finished one is replaced). */
  @Post('detect')
  @HttpCode(202)
  @Roles('integrity')
  detect(@Body() dto: DetectDto) {
    return this.signals.enqueue(dto.period);
  }

  /** A case with its flags (evidence), its pairs (first 200) and its history. */
  @Get(':id')
  @Roles('integrity')
  @ApiOkResponse({ type: IntegrityCaseDetailRecord })
  get(@Param('id') id: string) {
    return this.cases.get(id);
  }

  /** Takes or renews the review claim (10 minutes): 409 when another reviewer holds one or it is decided. */
  @Post(':id/claim')
  @HttpCode(200)
  @Roles('integrity')
  claim(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.cases.claim(actor, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('integrity')
  release(@CurrentStaff() actor: Actor, @Param('id') id: string) {
    return this.cases.release(actor, id);
  }

  /** An internal note (reviewers only); the case's history with it. */
  @Post(':id/notes')
  @HttpCode(200)
  @Roles('integrity')
  note(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: CaseNoteDto) {
    return this.cases.note(actor, id, dto);
  }

  /** dismiss (reason), exclude (the case's pairs leave the period's earnings), hold (the author's payouts) or suspend (the partner). */
  @Post(':id/decide')
  @HttpCode(200)
  @Roles('integrity')
  @MoneyWrite()
  decide(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: CaseDecisionDto) {
    return this.cases.decide(actor, id, dto);
  }

  /** Reverses the decision while the period's run is not approved (422 integrity_run_final after). */
  @Post(':id/revert')
  @HttpCode(200)
  @Roles('integrity')
  @MoneyWrite()
  revert(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: CaseRevertDto) {
    return this.cases.revert(actor, id, dto);
  }

  /** Ends the hold of a held case by forfeiting its payouts (a reason required); final. */
  @Post(':id/forfeit')
  @HttpCode(200)
  @Roles('integrity')
  @MoneyWrite()
  forfeit(@CurrentStaff() actor: Actor, @Param('id') id: string, @Body() dto: CaseRevertDto) {
    return this.cases.forfeit(actor, id, dto);
  }
}
