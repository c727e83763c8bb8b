import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { MembersController, PublicationsController } from './directory/directory.controller.js';
import { DirectoryService } from './directory/directory.service.js';
import { MembersRepository } from './directory/members.repository.js';
import { PublicationsRepository } from './directory/publications.repository.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';

/**
 * Reading-data intake: the API door (`POST /api/intake/<kind>`); the import door is the cli's `import`.
 * The staff read what came in through `members` and `publications` (directory/).
 */
@Module({})
export class IntakeModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: IntakeModule,
      controllers: http ? [IntakeController, MembersController, PublicationsController] : [],
      providers: [IntakeService, DirectoryService, MembersRepository, PublicationsRepository],
      exports: [IntakeService],
    };
  }
}
