import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { IntegrityRepository } from './integrity.repository.js';
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
      controllers: http ? [LedgerController] : [],
      providers: [LedgerRepository, LedgerService, IntegrityRepository, IntegrityService],
      exports: [LedgerService, IntegrityService],
    };
  }
}
