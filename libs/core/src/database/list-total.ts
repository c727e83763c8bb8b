import type { DataSource, EntityManager } from 'typeorm';
import type { ListQuery, TotalBasis } from '../http/list-query.js';

/** Up to this many matching rows a list's total is counted exactly; beyond it, estimated. */
export const EXACT_TOTAL_LIMIT = 10_000;
/** How long the planner's estimate for one query is reused (it moves only with ANALYZE anyway). */
const ESTIMATE_TTL_MS = 10_000;
const ESTIMATE_CACHE_SIZE = 1_000;

const estimates = new Map<string, { rows: number; at: number }>();

async function plannerEstimate(db: DataSource | EntityManager, from: string, q: ListQuery): Promise<number> {
  const key = `${from}\n${q.where}\n${JSON.stringify(q.params)}`;
  const hit = estimates.get(key);
  if (hit && Date.now() - hit.at < ESTIMATE_TTL_MS) return hit.rows;
  const [plan] = await db.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} ${q.where}`, q.params);
  const rows = Math.round(Number(plan['QUERY PLAN'][0].Plan['Plan Rows']));
  if (estimates.size >= ESTIMATE_CACHE_SIZE) estimates.delete(estimates.keys().next().value!);
  estimates.set(key, { rows, at: Date.now() });
  return rows;
}

/**
 * The total of a list without scanning it: known from the page when the page is its end;
 * else counted exactly when at most EXACT_TOTAL_LIMIT rows match (a count stopped there);
 * else the planner's estimate, flagged as such (never less than the rows already seen).
 */
export async function listTotal(
  db: DataSource | EntityManager,
  from: string,
  q: ListQuery,
  pageRows: number,
): Promise<{ total: number; basis: TotalBasis }> {
  if (pageRows > 0 && pageRows < q.limit) return { total: q.offset + pageRows, basis: 'exact' };
  if (pageRows === 0 && q.offset === 0) return { total: 0, basis: 'exact' };
  const seen = q.offset + pageRows;
  const estimate = await plannerEstimate(db, from, q);
  if (estimate <= EXACT_TOTAL_LIMIT) {
    const [c] = await db.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} ${q.where} LIMIT ${EXACT_TOTAL_LIMIT + 1}) x`,
      q.params,
    );
    if (c.n <= EXACT_TOTAL_LIMIT) return { total: c.n, basis: 'exact' };
  }
  return { total: Math.max(estimate, seen, EXACT_TOTAL_LIMIT + 1), basis: 'estimate' };
}
