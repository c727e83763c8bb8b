import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows. TypeORM's `query` returns `[rows, count]` for
 * UPDATE/DELETE ... RETURNING on PostgreSQL; this always gives the rows.
 */
export async function rows<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = await db.query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return result;
}

export async function one<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await rows<T>(db, text, params))[0];
}

/** `'a','b'` for a CHECK's `IN (...)` over constant values (the entities' CHECKs name their rule's list). */
export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(',');

/** A validated integer parameter as an SQL literal (CREATE TABLE AS takes no bind parameters). */
export function sqlInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer parameter: ${n}`);
  return String(n);
}
