import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { QUEUE_BACKEND, type QueueBackend } from '../queue/queue.module.js';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue('payouts') private readonly queue: Queue,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {}

  /** Which database and queue backend this process uses, and whether each answers. */
  @Get()
  @Public()
  async health() {
    const check = async (probe: () => Promise<unknown>) => {
      try {
        await withTimeout(probe(), 2000);
        return 'up';
      } catch (e) {
        return `down: ${(e as Error).message}`;
      }
    };
    const [version] = await this.dataSource.query('SHOW server_version').catch(() => [{ server_version: null }]);
    const database = { status: await check(() => this.dataSource.query('SELECT 1')), version: version.server_version };
    const queue = { backend: this.backend, status: await check(() => this.queue.getJobCounts('waiting')) };
    const body = { status: database.status === 'up' && queue.status === 'up' ? 'ok' : 'degraded', database, queue };
    if (body.status !== 'ok') {
      // The error shape (spec/api.md) with the same fields as a healthy answer.
      const message = `database ${database.status}; queue ${queue.status}`;
      throw new ServiceUnavailableException({ statusCode: 503, code: 'service_unavailable', message, ...body });
    }
    return body;
  }
}
