import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { APPROVAL_WARNINGS } from '../../payouts/src/index.js';
import { IntegrityApprovalWarnings } from './approval-warnings.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { DetectionAfterIntake } from './detection-after-intake.js';
import { IntegrityCasesController } from './integrity-cases.controller.js';
import { IntegrityParametersController } from './integrity-parameters.controller.js';
import { IntegrityParametersRepository } from './integrity-parameters.repository.js';
import { IntegrityParametersService } from './integrity-parameters.service.js';
import { SignalsJobs } from './signals.jobs.js';
import { SignalsRepository } from './signals.repository.js';
import { SignalsQueue, SignalsService } from './signals.service.js';
import { StakesRepository } from './stakes.repository.js';
import { StakesQueue, StakesService } from './stakes.service.js';

/**
 * Integrity (issue 18): signals of gamed reading computed per period (rings, farms,
 * concentration), grouped into cases that integrity reviewers claim and decide.
 */
@Module({})
export class IntegrityModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: IntegrityModule,
      // global: payouts' approval finds APPROVAL_WARNINGS here
      global: true,
      controllers: http ? [IntegrityCasesController, IntegrityParametersController] : [],
      providers: [
        IntegrityParametersRepository,
        IntegrityParametersService,
        SignalsRepository,
        SignalsService,
        CasesRepository,
        StakesRepository,
        StakesService,
        StakesQueue,
        IntegrityApprovalWarnings,
        { provide: APPROVAL_WARNINGS, useExisting: IntegrityApprovalWarnings },
        ...(http ? [SignalsQueue, CasesService, DetectionAfterIntake] : [SignalsJobs]),
      ],
      exports: [SignalsService, StakesService, APPROVAL_WARNINGS],
    };
  }
}
