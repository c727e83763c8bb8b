import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The members and publications lists' sort indexes, each ending in the list's tie-breaker id (as ListSortIndexes). */
const INDEXES: [name: string, table: string, columns: string][] = [
  ['members_name_idx', 'members', 'name, id'],
  ['members_joined_at_idx', 'members', 'joined_at, id'],
  ['publications_name_idx', 'publications', 'name, id'],
];

export class DirectorySortIndexes1796260000000 implements MigrationInterface {
  name = 'DirectorySortIndexes1796260000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES) await q.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
