import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { ApiExceptionFilter } from '../../../libs/core/src/http/exception.filter.js';
import { PageInterceptor } from '../../../libs/core/src/http/page.interceptor.js';
import { apiValidationPipe } from '../../../libs/core/src/http/validation.js';
import { assertEveryRouteDeclaresAccess } from '../../../libs/core/src/auth/route-table.js';
import { StaffService } from '../../../libs/core/src/staff/staff.service.js';
import { ApiModule } from './api.module.js';

/** Request bodies up to 10,000 intake records. */
const BODY_LIMIT = '25mb';

/** Builds the api (used by main and by the end-to-end tests). */
export async function createApi(config: AppConfig, databaseUrl: string, opts: { serveAdmin?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.set('trust proxy', 'loopback');
  app.setGlobalPrefix('api', { exclude: ['r/{*slug}'] });
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalInterceptors(new PageInterceptor());
  app.enableCors({ exposedHeaders: ['Content-Range', 'X-Request-Id', 'Content-Disposition'] });
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Partner Program console API')
    .setDescription('Staff back-office of the Partner Program; lists follow the react-admin simple REST dialect.')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'intake')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));

  const adminDist = resolve('apps/admin/dist');
  if (opts.serveAdmin && existsSync(adminDist)) {
    // Hashed assets forever; index.html revalidated, so a deploy never serves it pointing at removed assets.
    app.useStaticAssets(adminDist, {
      index: 'index.html',
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    });
  }
  await app.init();
  assertEveryRouteDeclaresAccess(app);
  await app.get(StaffService).ensureFirstAdmin(config.adminEmail, config.adminPassword);
  return app;
}
