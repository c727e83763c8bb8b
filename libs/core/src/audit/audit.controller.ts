import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { AuditService } from './audit.service.js';
import { ApiList } from '../http/api-docs.js';
import { AUDIT_LIST } from './audit.repository.js';
import { AuditEntryRecord } from './audit.dto.js';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiList(AUDIT_LIST, AuditEntryRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.audit.list(query);
  }
}
