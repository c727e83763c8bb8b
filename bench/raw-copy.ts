/*
 * The raw COPY baseline: the period's sessions as CSV (written to a file first, not timed),
 * then timed: PostgreSQL's COPY of that file into a bare table of the same columns (no
 * validation, references, indexes or merge). What any load or pass of these rows costs at least.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const BARE = 'bench_raw_sessions';

/** Milliseconds of `COPY … FROM` of the period's sessions (CSV) into a bare table. */
export async function rawCopyOfSessions(db: pg.Client, period: string): Promise<{ ms: number; rows: number; bytes: number }> {
  await mkdir('bench/out', { recursive: true });
  const file = join('bench/out', `sessions-${period}-${process.pid}.csv`);
  try {
    await pipeline(
      db.query(
        copyTo(`COPY (SELECT id, story_key, reader_key, started_at, active_seconds, mode FROM sessions
        WHERE started_at >= '${period}-01T00:00:00Z'::timestamptz AND started_at < '${period}-01T00:00:00Z'::timestamptz + interval '1 month')
        TO STDOUT (FORMAT csv)`),
      ),
      createWriteStream(file, { highWaterMark: 1 << 20 }),
    );
    await db.query(`DROP TABLE IF EXISTS ${BARE}`);
    await db.query(`CREATE TABLE ${BARE} (id text, story_key int, reader_key int, started_at timestamptz, active_seconds int, mode text)`);
    await db.query('CHECKPOINT').catch(() => undefined);
    const t0 = performance.now();
    const copy = db.query(copyFrom(`COPY ${BARE} FROM STDIN (FORMAT csv)`));
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
    return { ms: performance.now() - t0, rows: copy.rowCount, bytes: (await stat(file)).size };
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${BARE}`).catch(() => undefined);
    await rm(file, { force: true });
  }
}
