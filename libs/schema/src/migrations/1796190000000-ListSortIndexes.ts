import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One index per sortable column of the large lists (story earnings, statements, stories), each
 * ending in the list's tie-breaker id, globally and within a run: the first page of any sort
 * reads 25 index entries instead of sorting the table. Nullable published_at sorts NULLS LAST
 * both ways, so it has one index per direction.
 */
const INDEXES: [name: string, table: string, columns: string][] = [
  ...['earnings_micros', 'views', 'reads', 'member_reads', 'member_reading_seconds', 'boost_bonus_micros'].flatMap(
    (c): [string, string, string][] => [
      [`story_earnings_${c}_idx`, 'story_earnings', `${c}, id`],
      [`story_earnings_run_${c}_idx`, 'story_earnings', `run_id, ${c}, id`],
    ],
  ),
  ...['balance_micros', 'payout_cents', 'period', 'status'].flatMap((c): [string, string, string][] => [
    [`statements_${c}_idx`, 'statements', `${c}, id`],
    [`statements_run_${c}_idx`, 'statements', `run_id, ${c}, id`],
  ]),
  ['stories_title_idx', 'stories', 'title, id'],
  ['stories_status_idx', 'stories', 'status, id'],
  ['stories_published_asc_idx', 'stories', 'published_at ASC NULLS LAST, id ASC'],
  ['stories_published_desc_idx', 'stories', 'published_at DESC NULLS LAST, id DESC'],
];

export class ListSortIndexes1796190000000 implements MigrationInterface {
  name = 'ListSortIndexes1796190000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES) await q.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
