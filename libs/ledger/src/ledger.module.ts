import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';

/** The double-entry ledger under the statements (issue 17). */
@Module({})
export class LedgerModule {
  static forRoot(_options: DomainModuleOptions): DynamicModule {
    return {
      module: LedgerModule,
      global: true,
      providers: [LedgerRepository, LedgerService],
      exports: [LedgerService],
    };
  }
}
