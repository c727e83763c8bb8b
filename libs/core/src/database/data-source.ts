import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { QueryLogger } from './query-logger.js';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * Every connection's session runs in UTC, whatever the server's or the database's
 * `timezone`: periods, day boundaries and `timestamptz ± interval` are UTC by definition.
 */
export const SESSION_OPTIONS = '-c TimeZone=UTC';

/** Options shared by the api, the worker, the cli and the tests: migrations only, never sync. */
export function dataSourceOptions(url: string, schema: SchemaDefinition, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['error', 'warn'],
    logger: new QueryLogger(),
    extra: { max: poolSize, application_name: 'partner-program-console', options: SESSION_OPTIONS },
  };
}

export async function runMigrations(url: string, schema: SchemaDefinition): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url, schema, 2)).initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** SQL that would bring the database in line with the entities: empty when nothing drifted. */
export async function schemaDrift(url: string, schema: SchemaDefinition): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url, schema, 2)).initialize();
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
