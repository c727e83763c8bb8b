import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { ConfigError, loadConfig } from '../../libs/core/src/index.js';
import { startEmbeddedPostgres } from '../../libs/core/src/database/embedded.js';

/** Issue 13: a taken embedded-PostgreSQL port is a clear start-up error naming the port and EMBEDDED_PG_PORT, not `undefined`. */
describe('embedded PostgreSQL start-up', () => {
  it('refuses a port in use with a message naming it and EMBEDDED_PG_PORT', async () => {
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    const port = (holder.address() as { port: number }).port;
    try {
      const config = loadConfig({ EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DIR: '.data/pg-port-test' } as NodeJS.ProcessEnv);
      const failure = await startEmbeddedPostgres(config).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toBe(
        `Invalid configuration: EMBEDDED_PG_PORT ${port} is in use on 127.0.0.1 (another PostgreSQL, or \`npm run demo\` already running?): stop it, set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL`,
      );
    } finally {
      await new Promise((done) => holder.close(done));
    }
  });
});
