import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/src/auth/access.decorators.js';
import { IntegrityService } from './integrity.service.js';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly integrity: IntegrityService) {}

  /** Runs every integrity check now; a failed check lists the offending entries, authors, statements or runs. */
  @Get('integrity') @Roles('finance') checkIntegrity() {
    return this.integrity.run();
  }
}
