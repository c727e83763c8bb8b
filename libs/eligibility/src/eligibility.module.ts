import { type DynamicModule, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { IntakeHooks } from '../../core/src/index.js';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { ApplicationClaimsRepository } from './application-claims.repository.js';
import { ApplicationQueueService } from './application-queue.service.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { CountriesController } from './countries.controller.js';
import { CountriesRepository } from './countries.repository.js';
import { CountriesService } from './countries.service.js';
import { PartnersController } from './partners.controller.js';
import { PartnersRepository } from './partners.repository.js';
import { PartnersService } from './partners.service.js';

/** Evaluates the four checks of applications as intake stores them, inside intake's transaction. */
@Injectable()
export class ApplicationIntakeHook implements OnModuleInit {
  constructor(
    private readonly hooks: IntakeHooks,
    private readonly applications: ApplicationsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('applications', async (manager, ids) => {
      await this.applications.evaluate(manager, ids);
    });
  }
}

/** Partner Program eligibility: applications and their checks, partners, supported countries. */
@Module({})
export class EligibilityModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: EligibilityModule,
      controllers: http ? [ApplicationsController, PartnersController, CountriesController] : [],
      providers: [
        ApplicationsRepository,
        ApplicationClaimsRepository,
        ApplicationQueueService,
        PartnersRepository,
        CountriesRepository,
        ApplicationsService,
        PartnersService,
        CountriesService,
        ApplicationIntakeHook,
      ],
      exports: [ApplicationsService, PartnersService, CountriesService],
    };
  }
}
