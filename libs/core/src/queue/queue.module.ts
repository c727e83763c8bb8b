import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { AppConfig } from '../config/config.js';
import { QUEUES } from './registry.js';

export type QueueBackend = 'redis' | 'postgres';
export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');

/** ioredis options from a redis:// URL (BullMQ takes options, not a URL). */
export function redisOptions(redisUrl: string) {
  const u = new URL(redisUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * BullMQ connection for this process: Redis through ioredis when REDIS_URL is set,
 * else BullMQ's PostgreSQL backend in the product's own database (its own schema).
 */
export function queueConnection(config: AppConfig, databaseUrl: string) {
  if (config.redisUrl) {
    setDefaultBackendFactory(undefined);
    return { backend: 'redis' as const, options: { connection: redisOptions(config.redisUrl), prefix: config.queuePrefix } };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  return {
    backend: 'postgres' as const,
    options: { connection: { connectionString: databaseUrl, schema: `bullmq_${config.queuePrefix}`, migrate: true, max: 5 } as never },
  };
}

/** The queues of the registry, for producers (api) and consumers (worker) alike. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const { backend, options } = queueConnection(config, databaseUrl);
    const bull = BullModule.forRoot(options);
    const queues = BullModule.registerQueue(...QUEUES.map((name) => ({ name })));
    const flows = BullModule.registerFlowProducer({ name: 'flows' });
    return {
      module: QueueModule,
      imports: [bull, queues, flows],
      providers: [{ provide: QUEUE_BACKEND, useValue: backend }],
      exports: [bull, queues, flows, QUEUE_BACKEND],
    };
  }
}
