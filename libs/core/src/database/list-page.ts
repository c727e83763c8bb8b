import type { DataSource, EntityManager } from 'typeorm';
import { Page, parseListQuery, type ListSpec } from '../http/list-query.js';
import { listTotal } from './list-total.js';

export interface ListSource<T> {
  /** Trusted SQL: the select list and the FROM clause (with joins). */
  select: string;
  from: string;
  /** Turns a database row into the API record (e.g. bigint strings into JSON integers). */
  map?: (row: Record<string, unknown>) => T;
}

/** One page of a list in the simple REST dialect: the query, its total (see listTotal), the Page. */
export async function queryPage<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  spec: ListSpec,
  query: Record<string, unknown>,
  source: ListSource<T>,
): Promise<Page<T>> {
  const q = parseListQuery(query, spec);
  const found: Record<string, unknown>[] = await db.query(
    `SELECT ${source.select} FROM ${source.from} ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
    q.params,
  );
  const { total, basis } = await listTotal(db, source.from, q, found.length);
  return new Page(
    spec.resource,
    q.offset,
    found.map((r) => (source.map ? source.map(r) : (r as T))),
    total,
    basis,
  );
}
