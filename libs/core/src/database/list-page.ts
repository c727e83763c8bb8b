import type { DataSource, EntityManager } from 'typeorm';
import { Page, parseListQuery, toPage, type ListSpec } from '../http/list-query.js';

export interface ListSource<T> {
  /** Trusted SQL: the select list and the FROM clause (with joins). */
  select: string;
  from: string;
  /** Turns a database row into the API record (e.g. bigint strings into JSON integers). */
  map?: (row: Record<string, unknown>) => T;
}

/** One page of a list in the simple REST dialect: the query, its total, the Page. */
export async function queryPage<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  spec: ListSpec,
  query: Record<string, unknown>,
  source: ListSource<T>,
): Promise<Page<T>> {
  const q = parseListQuery(query, spec);
  const found = await db.query(
    `SELECT ${source.select}, count(*) OVER () AS total FROM ${source.from} ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
    q.params,
  );
  const page = await toPage(spec.resource, q.offset, found as Record<string, unknown>[], async () => {
    const [c] = await db.query(`SELECT count(*)::int AS n FROM ${source.from} ${q.where}`, q.params);
    return c.n;
  });
  return new Page(page.resource, page.offset, page.rows.map((r) => (source.map ? source.map(r) : (r as T))), page.total);
}
