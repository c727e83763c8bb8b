import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { AdjustmentsRepository } from './adjustments.repository.js';
import { ApprovalWarningsReader } from './approval-warnings.js';
import { AdjustmentsService } from './adjustments.service.js';
import { EarningsParametersRepository } from './earnings-parameters.repository.js';
import { EarningsParametersService } from './earnings-parameters.service.js';
import { IntegrityActionsRepository } from './integrity-actions/integrity-actions.repository.js';
import { IntegrityActionsService } from './integrity-actions/integrity-actions.service.js';
import { ExclusionImpactRepository } from './integrity-actions/exclusion-impact.repository.js';
import { PayoutHoldsRepository } from './integrity-actions/payout-holds.repository.js';
import { PayoutMoneyLock } from './payout-money-lock.repository.js';
import { PayoutFileRepository } from './payout-file.repository.js';
import { PayoutFileService } from './payout-file.js';
import { PayoutResultsRepository } from './payout-results.repository.js';
import { PayoutRunJobs } from './payout-run.jobs.js';
import { PayoutRunsRepository } from './payout-runs.repository.js';
import { PayoutRunsService } from './payout-runs.service.js';
import { PayoutTransitions } from './payout-transitions.js';
import {
  AdjustmentsController,
  EarningsParametersController,
  PayoutRunsController,
  StatementsController,
  StoryEarningsController,
} from './payouts.controller.js';
import { ProjectionRepository } from './projection/projection.repository.js';
import { PayoutProjectionService } from './projection/projection.service.js';
import { PayoutRunRepository } from './run/payout-run.repository.js';
import { SettlementController } from './settlement/settlement.controller.js';
import { SettlementRepository } from './settlement/settlement.repository.js';
import { SettlementService } from './settlement/settlement.service.js';
import { EstimatesController } from './estimates/estimates.controller.js';
import { EstimatesJobs } from './estimates/estimates.jobs.js';
import { EstimatesQueue } from './estimates/estimates-queue.js';
import { EstimatesRepository } from './estimates/estimates.repository.js';
import { EstimatesService } from './estimates/estimates.service.js';
import { SimulationJobs } from './simulation/simulation.jobs.js';
import { SimulationRepository } from './simulation/simulation.repository.js';
import { SimulationResultsRepository } from './simulation/simulation-results.repository.js';
import { SimulationRunner } from './simulation/simulation-runner.js';
import { SimulationsService } from './simulation/simulations.service.js';
import { SimulationAuthorsController, SimulationsController, SimulationStoriesController } from './simulation/simulations.controller.js';

/** Payouts: the monthly run, statements, adjustments, the payout file, the payout projection and the earnings parameters. */
@Module({})
export class PayoutsModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: PayoutsModule,
      global: true,
      controllers: http
        ? [
            PayoutRunsController,
            SettlementController,
            StoryEarningsController,
            StatementsController,
            AdjustmentsController,
            EarningsParametersController,
            SimulationsController,
            SimulationAuthorsController,
            SimulationStoriesController,
            EstimatesController,
          ]
        : [],
      providers: [
        EarningsParametersRepository,
        EarningsParametersService,
        PayoutResultsRepository,
        PayoutRunsRepository,
        PayoutRunsService,
        PayoutTransitions,
        AdjustmentsRepository,
        AdjustmentsService,
        PayoutRunRepository,
        IntegrityActionsRepository,
        IntegrityActionsService,
        ExclusionImpactRepository,
        ApprovalWarningsReader,
        PayoutHoldsRepository,
        PayoutMoneyLock,
        SimulationRepository,
        SimulationResultsRepository,
        SimulationRunner,
        SimulationsService,
        EstimatesRepository,
        EstimatesService,
        EstimatesQueue,
        ...(http
          ? [
              PayoutFileRepository,
              PayoutFileService,
              SettlementRepository,
              SettlementService,
              ProjectionRepository,
              PayoutProjectionService,
            ]
          : [PayoutRunJobs, SimulationJobs, EstimatesJobs]),
      ],
      exports: [
        EarningsParametersService,
        PayoutResultsRepository,
        IntegrityActionsService,
        ExclusionImpactRepository,
        SimulationsService,
        SimulationResultsRepository,
        EstimatesService,
        EstimatesQueue,
        ...(http ? [PayoutProjectionService] : []),
      ],
    };
  }
}
