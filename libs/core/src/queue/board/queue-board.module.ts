import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/config.js';
import { StaffService } from '../../staff/staff.service.js';
import { QUEUES } from '../registry.js';
import { BOARD_PATH, BOARD_ROUTE, BoardSessions, boardGuard } from './board-session.js';
import { BOARD_SESSIONS, QueueBoardController } from './queue-board.controller.js';

/**
 * The admins' queue dashboard (Bull Board, its Express adapter) at /api/queues: every
 * queue of the registry (a queue added there appears here), jobs by state, failed jobs
 * with their errors and stack traces, retry. Admins only (board-session.ts). The api
 * mounts it; the worker does not. (`@bull-board/nestjs` is CommonJS requiring Nest 12's
 * ESM-only packages, which jest cannot load: the few lines it would add are here.)
 */
@Module({})
export class QueueBoardModule implements NestModule {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly staff: StaffService,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueBoardModule,
      controllers: [QueueBoardController],
      providers: [{ provide: BOARD_SESSIONS, useValue: new BoardSessions(config.jwtSecret) }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: QUEUES.map((name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }))),
      serverAdapter,
      options: {
        uiConfig: { boardTitle: 'Partner Program queues', hideDocsLink: true, miscLinks: [{ text: 'Back to the console', url: '/#/' }] },
      },
    });
    const sessions = this.moduleRef.get<BoardSessions>(BOARD_SESSIONS);
    consumer
      .apply(
        boardGuard(sessions, (id) => this.staff.findActive(id)),
        serverAdapter.getRouter(),
      )
      .forRoutes(BOARD_ROUTE);
  }
}
