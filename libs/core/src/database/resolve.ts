import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded.js';

/** DATABASE_URL when configured; otherwise the embedded PostgreSQL, started here. */
export async function resolveDatabase(config: AppConfig): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const db = await startEmbeddedPostgres(config);
  return { url: db.url, embedded: true, stop: db.stop };
}
