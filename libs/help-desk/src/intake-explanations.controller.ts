import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IntakeKey } from '../../core/src/index.js';
import { ExplanationsService, jsonable } from './explanations.service.js';
import { WriterExplanationRecord } from './help-desk-views.dto.js';

/**
 * The reading site's door to the earnings explanation, so that it can show writers the same
 * explanation support sees: only the writer-facing fields (no staff data, no internal notes,
 * no adjustment reasons, no other members' ids).
 */
@ApiTags('intake')
@ApiSecurity('intake')
@Controller('intake/explanations')
export class IntakeExplanationsController {
  constructor(private readonly explanations: ExplanationsService) {}

  /** 400 for a malformed period, 404 for an unknown writer, 422 `no_computed_run`. */
  @Get(':authorId/:period')
  @IntakeKey()
  @ApiOkResponse({ type: WriterExplanationRecord })
  async get(@Param('authorId') authorId: string, @Param('period') period: string) {
    return jsonable(ExplanationsService.writerView(await this.explanations.forAuthor(authorId, period)));
  }
}
