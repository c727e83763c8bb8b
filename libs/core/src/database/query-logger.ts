import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { safeError, sqlText } from '../logging.js';

/** SQLSTATEs a client's input causes (mapped to 4xx by the exception filter): logged at debug, not as failures. */
const CLIENT_CAUSED = /^(22|23|40001|40P01|55P03|54)/;

/**
 * TypeORM's logger: failed and slow queries with their SQL text and PostgreSQL's error code,
 * never their parameters (a staff insert's parameters hold a password hash). Successful
 * queries are not logged.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const err = typeof error === 'string' ? { message: error } : safeError(error);
    const fields = { err, query: sqlText(query) };
    if (CLIENT_CAUSED.test(String(err.code ?? ''))) this.logger.debug(fields, 'query refused by the database');
    else this.logger.warn(fields, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: sqlText(query) }, 'slow query');
  }

  /** Schema builds and migrations report through their callers (the cli prints what it applied). */
  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(typeof message === 'string' ? message : 'typeorm warning');
  }
}
