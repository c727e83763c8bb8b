import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trigram indexes under the console's `q` search (`column ILIKE '%text%'`) where a list's search
 * stays within one table: stories by title, members by id, username, name and email (the members
 * list, and the statements list through their author). Without them a search reads every row.
 */
const INDEXES: [name: string, table: string, column: string][] = [
  ['stories_title_trgm_idx', 'stories', 'title'],
  ...['id', 'username', 'name', 'email'].map((c): [string, string, string] => [`members_${c}_trgm_idx`, 'members', c]),
];

export class ListSearchTrigrams1796370000001 implements MigrationInterface {
  name = 'ListSearchTrigrams1796370000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [name, table, column] of INDEXES)
      await q.query(`CREATE INDEX "${name}" ON "${table}" USING gin ("${column}" gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
