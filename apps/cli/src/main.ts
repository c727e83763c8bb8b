import 'reflect-metadata';
import { ConfigError, loadConfig, resolveDatabase, runMigrations, schemaDrift } from '../../../libs/core/src/index.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';
import { generateMigration } from './generate-migration.js';
import { serve } from './serve.js';
import { benchCommand } from './bench-command.js';

const USAGE = `usage: cli <command>
  serve [--demo]             run the product (api + worker + console)
  migrate                    apply pending migrations
  migration:generate <Name>  write a migration from the entities' drift
  check-drift                exit 1 when entities and migrations disagree
  import <folder>            import a bundle of NDJSON files (idempotent by id)
  demo-totp <email>          the current two-factor code of a demo account (development secrets)
  demo-data --size small|medium|large [--seed N] [--out DIR] [--period YYYY-MM]
                             write a demo import bundle (default demo-data/<size>)
  bench [payout|import] [...] run benchmarks (see bench/)`;

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db = await resolveDatabase(loadConfig());
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      await serve(loadConfig(), { demo: args.includes('--demo') });
      return -1; // keeps running
    case 'migrate':
      return withDatabase(async (url) => {
        const done = await runMigrations(url, SCHEMA);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'database is up to date');
        return 0;
      });
    case 'migration:generate':
      if (!args[0] || !/^[A-Z][A-Za-z0-9]+$/.test(args[0])) throw new Error('migration:generate needs a PascalCase name');
      return withDatabase(async (url) => (await generateMigration(url, args[0]), 0));
    case 'check-drift':
      return withDatabase(async (url) => {
        await runMigrations(url, SCHEMA);
        const drift = await schemaDrift(url, SCHEMA);
        if (drift.length) console.error(`entities and migrations drifted:\n${drift.join('\n')}`);
        return drift.length ? 1 : 0;
      });
    case 'import':
      return (await import('./import-command.js')).importCommand(args);
    case 'demo-data':
      return (await import('./demo-data-command.js')).demoDataCommand(args);
    case 'bench':
      return benchCommand(args);
    case 'demo-totp':
      return (await import('./demo-totp.js')).demoTotpCommand(args);
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => code >= 0 && process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);
