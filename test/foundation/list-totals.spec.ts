import type { DataSource } from 'typeorm';
import { queryPage } from '../../libs/core/src/database/list-page.js';
import { EXACT_TOTAL_LIMIT } from '../../libs/core/src/database/list-total.js';
import type { ListSpec } from '../../libs/core/src/http/list-query.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

// 12,000 rows, three values of v: every sort by v is mostly ties, broken by id.
const ROWS = 12_000;
const SPEC: ListSpec = {
  resource: 'things',
  key: 't.id',
  defaultSort: ['id', 'ASC'],
  sort: { id: 't.id', v: 't.v', n: 't.n' },
  filters: { v: { column: 't.v', type: 'int' } },
  notNull: ['id', 'v'],
};

let db: TestDatabase;
let source: DataSource;
const page = (query: Record<string, unknown>) =>
  queryPage(source, SPEC, Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])), {
    select: 't.id, t.v, t.n',
    from: 'things t',
  });

beforeAll(async () => {
  db = await freshDatabase();
  await db.pool.query(`CREATE TABLE things (id int PRIMARY KEY, v int NOT NULL, n int)`);
  await db.pool.query(
    `INSERT INTO things SELECT g, g % 3, CASE WHEN g % 5 = 0 THEN NULL ELSE g % 7 END FROM generate_series(1, ${ROWS}) g`,
  );
  await db.pool.query(`CREATE INDEX things_v_idx ON things (v, id)`);
  await db.pool.query(`ANALYZE things`);
  source = { query: (sql: string, params: unknown[]) => db.pool.query(sql, params).then((r) => r.rows) } as unknown as DataSource;
});
afterAll(() => db.drop());

describe('list pages at size', () => {
  it.each([
    ['v', 'ASC'],
    ['v', 'DESC'],
    ['n', 'ASC'],
    ['n', 'DESC'],
  ])('sorted by %s %s, ties are broken by id and nulls come last, on first and deep pages', async (field, dir) => {
    const all = (await db.pool.query(`SELECT id, v, n FROM things ORDER BY ${field} ${dir} NULLS LAST, id ${dir}`)).rows;
    for (const offset of [0, 25, 7_000, ROWS - 10]) {
      const p = await page({ sort: [field, dir], range: [offset, offset + 24] });
      expect(p.rows).toEqual(all.slice(offset, offset + 25));
    }
  });

  it('counts exactly up to the limit and says so', async () => {
    const p = await page({ filter: { v: 1 }, range: [0, 24] });
    expect(p.rows).toHaveLength(25);
    expect([p.total, p.basis]).toEqual([4_000, 'exact']);
    expect(p.contentRange).toBe('things 0-24/4000');
  });

  it('estimates a total beyond the limit and flags it, never below the rows seen', async () => {
    const p = await page({ range: [0, 24] });
    expect(p.basis).toBe('estimate');
    expect(p.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const end = await page({ range: [ROWS - 5, ROWS + 19] });
    // The last page is the list's end: its total is known exactly from it.
    expect([end.rows.length, end.total, end.basis]).toEqual([5, ROWS, 'exact']);
  });

  it('a page past the end still answers a total', async () => {
    const p = await page({ filter: { v: 2 }, range: [9_000, 9_024] });
    expect([p.rows.length, p.total, p.basis]).toEqual([0, 4_000, 'exact']);
    expect(p.contentRange).toBe('things */4000');
  });
});
