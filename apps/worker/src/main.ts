import 'reflect-metadata';
import { ConfigError, loadConfig, resolveDatabase } from '../../../libs/core/src/index.js';
import { safeError } from '../../../libs/core/src/logging.js';
import { createWorker } from './create-worker.js';

async function main() {
  const config = loadConfig();
  const db = await resolveDatabase(config);
  await createWorker(config, db.url);
  console.log(JSON.stringify({ msg: 'worker started', queues: config.redisUrl ? 'redis' : 'postgres' }));
}

main().catch((e) => {
  // Never the raw error: a failed query would print its parameters.
  console.error(e instanceof ConfigError ? e.message : JSON.stringify(safeError(e)));
  process.exit(1);
});
