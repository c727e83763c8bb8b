import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, type AppConfig } from '../../../libs/core/src/index.js';
import { JobHandlerRegistry, queueDispatchers } from '../../../libs/core/src/queue/job-dispatch.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';
import { DOMAIN_MODULES } from '../../../libs/schema/src/domains.js';

/** The queue entry: composes the libs' job handlers behind one dispatcher per queue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        CoreModule.forRoot({ config, databaseUrl, schema: SCHEMA, http: false }),
        ...DOMAIN_MODULES.map((m) => m.forRoot({ http: false })),
      ],
      providers: [JobHandlerRegistry, ...queueDispatchers(config)],
    };
  }
}
