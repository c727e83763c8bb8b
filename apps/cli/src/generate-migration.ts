import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { schemaDrift, runMigrations } from '../../../libs/core/src/database/data-source.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';

/** Writes a migration holding the SQL that brings a migrated database in line with the entities. */
export async function generateMigration(url: string, name: string): Promise<void> {
  await runMigrations(url, SCHEMA);
  const queries = await schemaDrift(url, SCHEMA);
  if (queries.length === 0) {
    console.log('No drift: entities and migrations agree.');
    return;
  }
  const stamp = Date.now();
  const className = `${name}${stamp}`;
  const body = queries
    .map((q) => `    await q.query(\`${q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\`);`)
    .join('\n');
  const file = resolve('libs/schema/src/migrations', `${stamp}-${name}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
      `export class ${className} implements MigrationInterface {\n` +
      `  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n${body}\n  }\n\n` +
      `  async down(): Promise<void> {\n    throw new Error('forward-only migration');\n  }\n}\n`,
  );
  console.log(`Wrote ${file}; add ${className} to libs/schema/src/migrations/index.ts`);
}
