import type { DynamicModule } from '@nestjs/common';

export interface DomainModuleOptions {
  /** true in the api (controllers), false in the worker (job handlers). */
  http: boolean;
}

export interface DomainModule {
  forRoot(options: DomainModuleOptions): DynamicModule;
}

/** The domain libraries the apps compose, in dependency order. */
export const DOMAIN_MODULES: DomainModule[] = [];
