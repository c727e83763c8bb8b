import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger, createLogger } from '../../../libs/core/src/logging.js';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { WorkerModule } from './worker.module.js';

/** Boots the worker; fails if a registry job has no handler or two. */
export async function createWorker(config: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), {
    logger: new AppLogger(createLogger(config, 'worker')),
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
