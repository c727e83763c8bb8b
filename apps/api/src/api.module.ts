import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type AppConfig } from '../../../libs/core/src/index.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';
import { DOMAIN_MODULES } from '../../../libs/schema/src/domains.js';
import { QueueBoardModule } from '../../../libs/core/src/queue/board/queue-board.module.js';

/** The HTTP entry: composes the libs' controllers. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot({ config, databaseUrl, schema: SCHEMA, http: true }),
        ...DOMAIN_MODULES.map((m) => m.forRoot({ http: true })),
        QueueBoardModule.forRoot(config),
      ],
    };
  }
}
