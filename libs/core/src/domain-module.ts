import type { DynamicModule } from '@nestjs/common';

/** How an app composes a domain library (libs/schema/src/domains.ts lists them). */
export interface DomainModuleOptions {
  /** true in the api (controllers), false in the worker (job handlers). */
  http: boolean;
}

export interface DomainModule {
  forRoot(options: DomainModuleOptions): DynamicModule;
}
