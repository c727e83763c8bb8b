import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './auth/access.guard.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { JwtStrategy, LocalStrategy } from './auth/strategies.js';
import { SessionRepository } from './auth/session.repository.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { SecondFactorRepository } from './auth/second-factor.repository.js';
import { SecondFactorService } from './auth/second-factor.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions, type SchemaDefinition } from './database/data-source.js';
import { HealthController } from './health/health.controller.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IntakeHooks } from './intake-hooks.js';
import { QueueModule } from './queue/queue.module.js';
import { StaffController } from './staff/staff.controller.js';
import { StaffRepository } from './staff/staff.repository.js';
import { StaffService } from './staff/staff.service.js';

export interface CoreOptions {
  config: AppConfig;
  databaseUrl: string;
  schema: SchemaDefinition;
  /** The api serves HTTP (controllers, guard); the worker only processes jobs. */
  http: boolean;
}

/** Config, database, queues, staff auth and the audit log: what every domain module builds on. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    const { config } = options;
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl, options.schema)),
        QueueModule.forRoot(config, options.databaseUrl),
        PassportModule,
        JwtModule.register({ secret: config.jwtSecret }),
        IdempotencyModule,
      ],
      controllers: options.http ? [AuthController, StaffController, AuditController, HealthController] : [],
      providers: [
        IntakeHooks,
        AuditRepository,
        AuditService,
        StaffRepository,
        StaffService,
        AuthService,
        SessionRepository,
        LoginThrottle,
        SecondFactorRepository,
        SecondFactorService,
        ...(options.http ? [LocalStrategy, JwtStrategy, { provide: APP_GUARD, useClass: AccessGuard }] : []),
      ],
      exports: [IntakeHooks, AuditService, StaffService, SecondFactorService, QueueModule, ConfigModule, IdempotencyModule],
    };
  }
}
