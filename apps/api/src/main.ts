import 'reflect-metadata';
import { ConfigError, loadConfig, resolveDatabase } from '../../../libs/core/src/index.js';
import { safeError } from '../../../libs/core/src/logging.js';
import { createApi } from './create-api.js';

async function main() {
  const config = loadConfig();
  const db = await resolveDatabase(config);
  const app = await createApi(config, db.url, { serveAdmin: true });
  await app.listen(config.port, '0.0.0.0');
  console.log(
    JSON.stringify({ msg: 'api listening', url: `http://localhost:${config.port}/`, docs: `http://localhost:${config.port}/api/docs` }),
  );
}

main().catch((e) => {
  // Never the raw error: a failed query would print its parameters.
  console.error(e instanceof ConfigError ? e.message : JSON.stringify(safeError(e)));
  process.exit(1);
});
