import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/src/index.js';
import { ExplanationsService, jsonable } from './explanations.service.js';
import { ExplanationRecord } from './help-desk-views.dto.js';

@ApiTags('explanations')
@ApiBearerAuth()
@Controller('explanations')
export class ExplanationsController {
  constructor(private readonly explanations: ExplanationsService) {}

  /**
   * The writer's earnings explanation for a period: statement, stories with breakdown and
   * statistics, enrollment, payout account and tax state, referral credits, adjustments,
   * the comparison with the previous period, and the writer-facing text.
   * 400 for a malformed period, 404 for an unknown writer, 422 `no_computed_run`.
   */
  @Get(':authorId/:period')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: ExplanationRecord })
  async get(@Param('authorId') authorId: string, @Param('period') period: string) {
    return jsonable(await this.explanations.forAuthor(authorId, period));
  }
}
