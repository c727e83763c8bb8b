import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type Actor } from '../../../core/src/auth/access.decorators.js';
import { StepUp } from '../../../core/src/auth/step-up.decorator.js';
import { BodyLimit } from '../../../core/src/http/body-limits.js';
import { MoneyWrite } from '../../../core/src/idempotency/money-write.decorator.js';
import { SETTLEMENT_BODY_LIMITS, SettlementFileDto } from './settlement.dto.js';
import { SettlementFileDetailView, SettlementFileView } from '../payouts-views.dto.js';
import { SettlementService } from './settlement.service.js';
import { SettlementChangeRecord, SettlementCountRecord, SettlementPreviewRecord } from './settlement-views.dto.js';

/** Reconciliation with the processor: a payout run's settlement files (preview, apply, the ones applied). */
@ApiTags('payout-runs')
@ApiBearerAuth()
@Controller('payout-runs')
@ApiExtraModels(SettlementCountRecord, SettlementChangeRecord)
export class SettlementController {
  constructor(private readonly settlement: SettlementService) {}

  /** What applying the file would do; writes nothing. Step-up like the payout file: it shows who is paid what. */
  @Post(':id/settlement-preview')
  @HttpCode(200)
  @Roles('finance')
  @StepUp()
  @BodyLimit(SETTLEMENT_BODY_LIMITS)
  @ApiOkResponse({ type: SettlementPreviewRecord })
  preview(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SettlementFileDto) {
    return this.settlement.preview(id, dto.content);
  }

  /** Applies the file's matched lines once; the same file again changes nothing. */
  @Post(':id/settlement')
  @HttpCode(200)
  @Roles('finance')
  @MoneyWrite()
  @BodyLimit(SETTLEMENT_BODY_LIMITS)
  @ApiOkResponse({ type: SettlementPreviewRecord })
  apply(@CurrentStaff() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SettlementFileDto) {
    return this.settlement.apply(actor, id, dto.content, dto.fileName ?? null);
  }

  @Get(':id/settlements')
  @Roles('finance')
  @ApiOkResponse({ type: [SettlementFileView] })
  files(@Param('id', ParseUUIDPipe) id: string) {
    return this.settlement.files(id);
  }

  @Get(':id/settlements/:fileId')
  @Roles('finance')
  @ApiOkResponse({ type: SettlementFileDetailView })
  file(@Param('id', ParseUUIDPipe) id: string, @Param('fileId', ParseUUIDPipe) fileId: string) {
    return this.settlement.file(id, fileId);
  }
}
