import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_FAILED_KEY, JOB_HANDLER_KEY } from './job-handler.js';
import type { AppConfig } from '../config/config.js';
import { JOBS, QUEUE_CONCURRENCY, QUEUES, type JobKey, type QueueName } from './registry.js';

type Handler = (job: Job) => Promise<unknown>;
type FailureHandler = (job: Job, error: Error) => Promise<unknown>;

/** Finds every @JobHandler at boot and refuses to start unless each job has exactly one. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, Handler>();
  private readonly failureHandlers = new Map<string, FailureHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobKey, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const failed = this.reflector.get<JobKey | undefined>(JOB_FAILED_KEY, proto[method]);
        if (failed) {
          const def = JOBS[failed];
          this.failureHandlers.set(`${def.queue}/${def.name}`, (job, error) =>
            (instance[method] as FailureHandler).call(instance, job, error),
          );
        }
        const key = this.reflector.get<JobKey | undefined>(JOB_HANDLER_KEY, proto[method]);
        if (!key) continue;
        found.set(key, [...(found.get(key) ?? []), `${proto.constructor.name}.${method}`]);
        const def = JOBS[key];
        this.handlers.set(`${def.queue}/${def.name}`, (job) => (instance[method] as Handler).call(instance, job));
      }
    }
    assertOneHandlerEach(found);
  }

  failureHandlerFor(queue: string, name: string): FailureHandler | undefined {
    return this.failureHandlers.get(`${queue}/${name}`);
  }

  handlerFor(queue: string, name: string): Handler {
    const handler = this.handlers.get(`${queue}/${name}`);
    if (!handler) throw new Error(`no handler for job ${queue}/${name}`);
    return handler;
  }
}

export function assertOneHandlerEach(found: Map<JobKey, string[]>): void {
  const problems: string[] = [];
  for (const key of Object.keys(JOBS) as JobKey[]) {
    const where = found.get(key) ?? [];
    if (where.length === 0) problems.push(`job "${JOBS[key].name}" has no handler`);
    if (where.length > 1) problems.push(`job "${JOBS[key].name}" has ${where.length} handlers: ${where.join(', ')}`);
  }
  for (const key of found.keys()) if (!(key in JOBS)) problems.push(`handler for unknown job "${key}"`);
  if (problems.length) throw new Error(`Job registry check failed: ${problems.join('; ')}`);
}

/** One BullMQ worker per queue; it hands each job to the handler the registry found. */
function dispatcherFor(queue: QueueName, config: AppConfig): Type<WorkerHost> {
  const concurrency = queue === 'payouts' ? config.workerConcurrency : QUEUE_CONCURRENCY[queue];
  @Processor(queue, { concurrency, lockDuration: config.queueLockMs, stalledInterval: config.queueLockMs })
  class QueueDispatcher extends WorkerHost {
    private readonly logger = new Logger(`queue:${queue}`);
    constructor(private readonly registry: JobHandlerRegistry) {
      super();
    }

    async process(job: Job): Promise<unknown> {
      this.logger.log({ job: job.name, id: job.id, attempt: job.attemptsMade + 1 }, 'processing');
      return this.registry.handlerFor(queue, job.name)(job);
    }

    /** BullMQ reports every failed try; only a job that has failed for good goes to its failure handler. */
    @OnWorkerEvent('failed')
    async onFailed(job: Job | undefined, error: Error): Promise<void> {
      const handler = job && this.registry.failureHandlerFor(queue, job.name);
      if (!handler || (await job.getState()) !== 'failed') return;
      await handler(job, error).catch((e) => this.logger.error({ err: e, job: job.id }, 'failure handler failed'));
    }
  }
  Object.defineProperty(QueueDispatcher, 'name', { value: `${queue}Dispatcher` });
  return QueueDispatcher;
}

export const queueDispatchers = (config: AppConfig) => QUEUES.map((queue) => dispatcherFor(queue, config));
