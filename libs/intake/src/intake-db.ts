/*
 * The one database handle intake works on: a single connection (a TypeORM QueryRunner, so
 * that IntakeHooks get an EntityManager inside intake's transaction) plus COPY streams on
 * the same connection. The API door gets it from Nest's DataSource, the import command
 * from a DataSource of its own.
 */
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Readable, Writable } from 'node:stream';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export interface IntakeDb {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  copyIn(sql: string): Writable & { rowCount: number };
  copyOut(sql: string): Readable;
  /** For IntakeHooks: bound to this connection and its transaction. */
  readonly manager: EntityManager;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  release(): Promise<void>;
}

/** Error code of a PostgreSQL error (undefined for other errors). */
export const pgCode = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

export async function intakeDb(dataSource: DataSource): Promise<IntakeDb> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as pg.PoolClient;
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    copyIn: (sql) => client.query(copyFrom(sql)),
    copyOut: (sql) => client.query(copyTo(sql)),
    manager: runner.manager,
    begin: () => runner.startTransaction(),
    commit: () => runner.commitTransaction(),
    rollback: async () => {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    },
    release: () => runner.release(),
  };
}
