import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/src/index.js';
import { DetectDto } from './integrity.dto.js';
import { SignalsQueue } from './signals.service.js';

/** The integrity queue: cases of gamed reading, their evidence and decisions (integrity reviewers and admins). */
@ApiTags('integrity-cases')
@ApiBearerAuth()
@Controller('integrity-cases')
export class IntegrityCasesController {
  constructor(private readonly signals: SignalsQueue) {}

  /** Queues the period's detection now (one job per period; a finished one is replaced). */
  @Post('detect')
  @HttpCode(202)
  @Roles('integrity')
  detect(@Body() dto: DetectDto) {
    return this.signals.enqueue(dto.period);
  }
}
