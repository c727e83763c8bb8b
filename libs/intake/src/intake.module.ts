import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';

/** Reading-data intake: the API door (`POST /api/intake/<kind>`); the import door is the cli's `import`. */
@Module({})
export class IntakeModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: IntakeModule,
      controllers: http ? [IntakeController] : [],
      providers: [IntakeService],
      exports: [IntakeService],
    };
  }
}
