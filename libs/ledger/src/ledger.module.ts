import { type DynamicModule, Module } from '@nestjs/common';
import { ApprovalPartitionRepository } from './approval-partition.repository.js';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { IntegrityRepository } from './integrity.repository.js';
import { LEDGER_VIEW_CONTROLLERS, LEDGER_VIEW_PROVIDERS, LEDGER_WORKER_PROVIDERS } from './ledger-views.providers.js';
import { IntegrityService } from './integrity.service.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';

/** The double-entry ledger under the statements (issue 17). */
@Module({})
export class LedgerModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: LedgerModule,
      global: true,
      controllers: http ? [LedgerController, ...LEDGER_VIEW_CONTROLLERS] : [],
      providers: [
        LedgerRepository,
        ApprovalPartitionRepository,
        LedgerService,
        IntegrityRepository,
        IntegrityService,
        ...LEDGER_VIEW_PROVIDERS,
        ...(http ? [] : LEDGER_WORKER_PROVIDERS),
      ],
      exports: [LedgerService, IntegrityService],
    };
  }
}
