import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '../../../libs/core/src/index.js';
import { ApiModule } from './api.module.js';

export const GLOBAL_PREFIX = 'api';
/** Outside the prefix: the referral redirect. */
export const PREFIX_EXCLUDE = ['r/{*slug}'];

/** The OpenAPI document of the app's routes (served at /api/docs; the console's types are generated from it). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Partner Program console API')
    .setDescription('Staff back-office of the Partner Program; lists follow the react-admin simple REST dialect.')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'intake')
    .build();
  return SwaggerModule.createDocument(app, doc);
}

/**
 * The same document without a database, a queue backend or any provider: Nest's preview mode
 * builds the module graph from metadata only (for `npm run api-types`).
 */
export async function documentWithoutServices(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule.forRoot(loadConfig({}), 'postgres://unused@127.0.0.1:1/none'), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: PREFIX_EXCLUDE });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
