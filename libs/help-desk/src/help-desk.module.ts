import { type DynamicModule, Module } from '@nestjs/common';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import { ExplanationsController } from './explanations.controller.js';
import { ExplanationsRepository } from './explanations.repository.js';
import { ExplanationsService } from './explanations.service.js';
import { IntakeExplanationsController } from './intake-explanations.controller.js';
import { SavedRepliesController } from './saved-replies.controller.js';
import { SavedRepliesRepository } from './saved-replies.repository.js';
import { SavedRepliesService } from './saved-replies.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

/**
 * Help desk: tickets (from the help-desk form through intake, or opened by support), internal
 * notes, saved replies, and the earnings explanation support answers with (also served to
 * the reading site). Nothing runs in the worker.
 */
@Module({})
export class HelpDeskModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: HelpDeskModule,
      controllers: http ? [TicketsController, SavedRepliesController, ExplanationsController, IntakeExplanationsController] : [],
      providers: http
        ? [TicketsRepository, SavedRepliesRepository, ExplanationsRepository, TicketsService, SavedRepliesService, ExplanationsService]
        : [],
      exports: http ? [ExplanationsService] : [],
    };
  }
}
