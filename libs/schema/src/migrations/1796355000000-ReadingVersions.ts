import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of each period's reading data (sessions, engagements): intake bumps it
 * in the transaction of every merge that changes them, so that work depending on the reading
 * (the integrity detection queued after intake) can tell one input from the next.
 */
export class ReadingVersions1796355000000 implements MigrationInterface {
  name = 'ReadingVersions1796355000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reading_versions" (
        "period" text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        "version" int8 NOT NULL CHECK (version > 0),
        "changed_at" timestamptz NOT NULL DEFAULT now()
      )`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
