import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { ApiExceptionFilter } from '../../../libs/core/src/http/exception.filter.js';
import { jsonBodyParser, routeBodies } from '../../../libs/core/src/http/json-body.js';
import { PageInterceptor } from '../../../libs/core/src/http/page.interceptor.js';
import { compressStaticAssets, consoleStyleHashes, DOCS_PATH, securityHeaders } from '../../../libs/core/src/http/security-headers.js';
import { apiValidationPipe } from '../../../libs/core/src/http/validation.js';
import { AppLogger, createLogger, httpLogging, requestScope } from '../../../libs/core/src/logging.js';
import { assertEveryRouteDeclaresAccess } from '../../../libs/core/src/auth/route-table.js';
import { StaffService } from '../../../libs/core/src/staff/staff.service.js';
import { ApiModule } from './api.module.js';
import { GLOBAL_PREFIX, openApiDocument, PREFIX_EXCLUDE } from './openapi.js';

export interface ApiOptions {
  /** Serve the built console (apps/admin/dist) at `/`. */
  serveAdmin?: boolean;
  /** Where the logs go (default stdout); the security suite captures them. */
  logDestination?: DestinationStream;
}

/** Builds the api (used by main and by the end-to-end tests). */
export async function createApi(config: AppConfig, databaseUrl: string, opts: ApiOptions = {}): Promise<INestApplication> {
  const logger = createLogger(config, 'api', opts.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, databaseUrl), {
    logger: new AppLogger(logger),
    bodyParser: false,
  });
  const adminDist = resolve('apps/admin/dist');
  const serveAdmin = opts.serveAdmin === true && existsSync(adminDist);

  // Order matters: ids and the request log first (so even a refused body is logged with its
  // id), then headers, then the body (bounded before anything reads it).
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  app.use(httpLogging(logger));
  app.use(...securityHeaders(config, consoleStyleHashes(serveAdmin ? adminDist : null)));
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: ['Content-Range', 'X-Total-Basis', 'X-Request-Id', 'Content-Disposition'],
      maxAge: 600,
    });
  }
  app.use(jsonBodyParser(routeBodies(app, GLOBAL_PREFIX)));
  app.use(requestScope());
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: PREFIX_EXCLUDE });
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalInterceptors(new PageInterceptor());
  app.enableShutdownHooks();

  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => openApiDocument(app));

  if (serveAdmin) {
    app.use(compressStaticAssets());
    // Hashed assets forever; index.html revalidated, so a deploy never serves it pointing at removed assets.
    app.useStaticAssets(adminDist, {
      index: 'index.html',
      setHeaders: (res, path) =>
        res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    });
  }
  await app.init();
  assertEveryRouteDeclaresAccess(app);
  await app.get(StaffService).ensureFirstAdmin(config.adminEmail, config.adminPassword);
  return app;
}
