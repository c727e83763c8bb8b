import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { BodyLimit, IntakeKey, RECORD_BATCH_BODY_LIMITS } from '../../core/src/index.js';
import { INTAKE_KINDS } from './kinds.js';
import { IntakeService, MAX_BATCH } from './intake.service.js';

@ApiTags('intake')
@ApiSecurity('intake')
@Controller('intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  /**
   * The reading platform's live feed: a JSON array of up to 10,000 records of one kind
   * (shapes: spec/import-format.md), idempotent by id. Answers 200 with a status per record
   * (inserted, updated, unchanged, or rejected with the reason); valid records are kept
   * even when others are refused.
   */
  @Post(':kind')
  @HttpCode(200)
  @IntakeKey()
  @BodyLimit(RECORD_BATCH_BODY_LIMITS)
  @ApiOperation({ summary: `Send up to ${MAX_BATCH} records of one kind (X-Api-Key)` })
  @ApiParam({ name: 'kind', enum: INTAKE_KINDS })
  @ApiBody({ schema: { type: 'array', items: { type: 'object' }, maxItems: MAX_BATCH } })
  ingest(@Param('kind') kind: string, @Body() body: unknown) {
    return this.intake.ingest(kind, body);
  }
}
