import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { BoostImpactController } from './boost-impact.controller.js';
import { BoostImpactRepository } from './boost-impact.repository.js';
import { BoostImpactService } from './boost-impact.service.js';
import { BoostsController, StoriesController } from './boosts.controller.js';
import { CalibrationController } from './calibration.controller.js';
import { CalibrationRepository } from './calibration.repository.js';
import { CalibrationService } from './calibration.service.js';
import { BoostsRepository } from './boosts.repository.js';
import { BoostsService } from './boosts.service.js';
import { NominationClaimsRepository } from './nomination-claims.repository.js';
import { NominationEvaluationService } from './nomination-evaluation.service.js';
import { NominationQueueService } from './nomination-queue.service.js';
import { NominationsController, NominatorsController } from './nominations.controller.js';
import { NominationsRepository } from './nominations.repository.js';
import { NominationsService } from './nominations.service.js';
import { StoriesRepository } from './stories.repository.js';
import { StoriesService } from './stories.service.js';

/**
 * Boost curation: the nomination rules (run inside intake's transaction through the
 * `nominations` intake hook, in the api and the worker alike), the curator queue, boost
 * windows, nominator statistics, boost impact and calibration; and the stories list curators work from.
 */
@Module({})
export class BoostCurationModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: BoostCurationModule,
      controllers: http
        ? [NominationsController, NominatorsController, BoostsController, StoriesController, BoostImpactController, CalibrationController]
        : [],
      providers: [
        NominationsRepository,
        NominationClaimsRepository,
        BoostsRepository,
        StoriesRepository,
        NominationEvaluationService,
        ...(http
          ? [
              NominationsService,
              NominationQueueService,
              BoostsService,
              StoriesService,
              BoostImpactRepository,
              BoostImpactService,
              CalibrationRepository,
              CalibrationService,
            ]
          : []),
      ],
      exports: [NominationEvaluationService],
    };
  }
}
