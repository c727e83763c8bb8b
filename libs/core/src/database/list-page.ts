import type { DataSource, EntityManager } from 'typeorm';
import { Page, parseListQuery, type ListQuery, type ListSpec } from '../http/list-query.js';
import { listTotal } from './list-total.js';

export interface ListSource<T> {
  /** Trusted SQL: the select list and the FROM clause (with joins). */
  select: string;
  from: string;
  /**
   * The key's own table with its alias (e.g. `story_earnings se`), when the joins of `from` keep
   * one row per row of it: a deep page whose filters and sort use only that table then finds its
   * keys there first (see DEEP_PAGE_OFFSET).
   */
  base?: string;
  /** Turns a database row into the API record (e.g. bigint strings into JSON integers). */
  map?: (row: Record<string, unknown>) => T;
}

/**
 * From this offset on, a page whose filters and sort name only the base table skips its offset
 * in that table's sort index (index-only), then reads and joins just its own rows: otherwise
 * every skipped row is fetched and joined (838 ms at offset 50,000 of 1M story earnings).
 */
export const DEEP_PAGE_OFFSET = 1_000;

/** The table aliases a piece of generated SQL names (`se.run_id` → `se`); parameters are $n, never inline. */
const aliases = (sql: string) => new Set([...sql.matchAll(/\b([a-z_][a-z0-9_]*)\.(?=["a-z_])/gi)].map((m) => m[1]));

/** A page's query (`key`: the list's tie-breaker): in its keys-first form when that applies (see DEEP_PAGE_OFFSET). */
export function pageSql(key: string, q: ListQuery, source: Pick<ListSource<unknown>, 'select' | 'from' | 'base'>): string {
  const alias = source.base?.trim().split(/\s+/).pop();
  const named = aliases(`${q.where} ${q.orderBy} ${key}`);
  if (alias && q.offset >= DEEP_PAGE_OFFSET && named.size === 1 && named.has(alias)) {
    return `SELECT ${source.select} FROM ${source.from}
      WHERE ${key} IN (SELECT ${key} FROM ${source.base} ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}) ${q.orderBy}`;
  }
  return `SELECT ${source.select} FROM ${source.from} ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`;
}

/** One page of a list in the simple REST dialect: the query, its total (see listTotal), the Page. */
export async function queryPage<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  spec: ListSpec,
  query: Record<string, unknown>,
  source: ListSource<T>,
): Promise<Page<T>> {
  const q = parseListQuery(query, spec);
  const found: Record<string, unknown>[] = await db.query(pageSql(spec.key, q, source), q.params);
  const { total, basis } = await listTotal(db, source.from, q, found.length);
  return new Page(
    spec.resource,
    q.offset,
    found.map((r) => (source.map ? source.map(r) : (r as T))),
    total,
    basis,
  );
}
