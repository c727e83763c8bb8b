/*
 * References: the integer key of a member, story or publication by its external id. The
 * import loads the whole id → key table of an entity once it is merged (streamed with
 * COPY, into an off-heap IdKeyTable); the API looks up only the ids of its batch.
 */
import { IdKeyTable } from './id-key-table.js';
import type { IntakeDb } from './intake-db.js';
import { REF_TABLES, type RefEntity } from './kinds.js';

export interface KeyTable {
  get(id: string): number | undefined;
}

export interface KeyLookup {
  /** The loaded table of an entity (undefined: not loaded, every id is unknown). */
  table(entity: RefEntity): KeyTable | undefined;
}

export class KeyMaps implements KeyLookup {
  private readonly tables: Partial<Record<RefEntity, KeyTable>> = {};

  table(entity: RefEntity): KeyTable | undefined {
    return this.tables[entity];
  }

  has(entity: RefEntity): boolean {
    return this.tables[entity] !== undefined;
  }

  forget(entity: RefEntity): void {
    delete this.tables[entity];
  }

  set(entity: RefEntity, table: KeyTable): void {
    this.tables[entity] = table;
  }

  /** Loads every id → key of the entity: streamed with COPY, bytes straight into the table (no strings). */
  async loadAll(db: IntakeDb, entity: RefEntity): Promise<void> {
    const table = REF_TABLES[entity];
    const [{ estimate, width }] = await db.query<{ estimate: string; width: number | null }>(
      `SELECT greatest(c.reltuples, 0)::int8 AS estimate, (SELECT s.avg_width FROM pg_stats s WHERE s.schemaname = 'public' AND s.tablename = $2 AND s.attname = 'id') AS width
         FROM pg_class c WHERE c.oid = $1::regclass`,
      [table, table],
    );
    const keys = new IdKeyTable(Number(estimate) + 1024, (width ?? 8) + 1);
    let carry: Buffer | null = null;
    for await (const chunk of db.copyOut(`COPY (SELECT id, key FROM ${table}) TO STDOUT`) as AsyncIterable<Buffer>) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      let backslash = buf.indexOf(92); // COPY escapes a backslash or control character in an id
      for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
        const tab = buf.lastIndexOf(9, nl);
        let key = 0;
        for (let i = tab + 1; i < nl; i++) key = key * 10 + buf[i] - 48;
        if (backslash !== -1 && backslash < start) backslash = buf.indexOf(92, start);
        if (backslash !== -1 && backslash < tab) keys.set(unescapeCopy(buf.toString('utf8', start, tab)), key);
        else keys.setBytes(buf, start, tab, key);
        start = nl + 1;
      }
      carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    }
    this.tables[entity] = keys;
  }

  /** Loads the keys of just these ids. */
  async loadSome(db: IntakeDb, entity: RefEntity, ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)];
    const map = new Map<string, number>();
    if (wanted.length) {
      const rows = await db.query<{ id: string; key: number }>(`SELECT id, key FROM ${REF_TABLES[entity]} WHERE id = ANY($1::text[])`, [
        wanted,
      ]);
      for (const r of rows) map.set(r.id, r.key);
    }
    this.tables[entity] = map;
  }
}

const COPY_ESCAPE = /\\(.)/g;
const UNESCAPED: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v', '\\': '\\' };

/** COPY text output escapes backslash and control characters (ids may contain them). */
function unescapeCopy(s: string): string {
  return s.indexOf('\\') === -1 ? s : s.replace(COPY_ESCAPE, (_, c: string) => UNESCAPED[c] ?? c);
}
