/*
 * Where the dense month generator's records go: an import bundle (NDJSON files in the shape
 * of spec/import-format.md) or straight into a migrated database (COPY into the tables,
 * external ids and integer keys as the import would store them). One field list per kind
 * serves both, so the two outputs cannot disagree.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A field's value: `ref`/`entity` values are the entity's index (id `<prefix><index>`, key index + 1); times are epoch seconds. */
export type Cell = string | number | boolean | null;
type FieldType = 'text' | 'int' | 'bool' | 'ts' | 'tsOrNull' | 'date' | 'dateOrNull' | 'month' | 'ref' | 'refOrNull' | 'entity';
interface Field {
  json: string;
  column: string;
  type: FieldType;
  /** Id prefix of the entity a `ref`/`entity` field names. */
  prefix?: string;
}

const f = (json: string, column: string, type: FieldType, prefix?: string): Field => ({ json, column, type, prefix });
const M = 'm';
const S = 's';
const PUB = 'pub';

export const DENSE_KINDS = {
  members: {
    table: 'members',
    fields: [
      f('id', 'id', 'entity', M),
      f('username', 'username', 'text'),
      f('name', 'name', 'text'),
      f('email', 'email', 'text'),
      f('country', 'country', 'text'),
      f('birthDate', 'birth_date', 'dateOrNull'),
      f('joinedAt', 'joined_at', 'ts'),
      f('earningsExcluded', 'earnings_excluded', 'bool'),
    ],
  },
  memberships: {
    table: 'memberships',
    fields: [
      f('id', 'id', 'text'),
      f('memberId', 'member_key', 'ref', M),
      f('plan', 'plan', 'text'),
      f('tier', 'tier', 'text'),
      f('startedAt', 'started_at', 'ts'),
      f('endedAt', 'ended_at', 'tsOrNull'),
    ],
  },
  charges: {
    table: 'charges',
    fields: [
      f('id', 'id', 'text'),
      f('memberId', 'member_key', 'ref', M),
      f('plan', 'plan', 'text'),
      f('coversFrom', 'covers_from', 'month'),
      f('chargedAt', 'charged_at', 'ts'),
      f('grossCents', 'gross_cents', 'int'),
      f('feeCents', 'fee_cents', 'int'),
      f('netCents', 'net_cents', 'int'),
      f('status', 'status', 'text'),
    ],
  },
  publications: { table: 'publications', fields: [f('id', 'id', 'entity', PUB), f('name', 'name', 'text')] },
  stories: {
    table: 'stories',
    fields: [
      f('id', 'id', 'entity', S),
      f('authorId', 'author_key', 'ref', M),
      f('publicationId', 'publication_key', 'refOrNull', PUB),
      f('title', 'title', 'text'),
      f('publishedAt', 'published_at', 'tsOrNull'),
      f('membersOnly', 'members_only', 'bool'),
      f('status', 'status', 'text'),
      f('aiDisclosed', 'ai_disclosed', 'bool'),
      f('language', 'language', 'text'),
    ],
  },
  enrollments: {
    table: 'enrollments',
    fields: [
      f('id', 'id', 'text'),
      f('memberId', 'member_key', 'ref', M),
      f('enrolledAt', 'enrolled_at', 'ts'),
      f('leftAt', 'left_at', 'tsOrNull'),
    ],
  },
  payoutAccounts: {
    table: 'payout_accounts',
    fields: [
      f('memberId', 'member_key', 'ref', M),
      f('provider', 'provider', 'text'),
      f('accountRef', 'account_ref', 'text'),
      f('status', 'status', 'text'),
      f('taxStatus', 'tax_status', 'text'),
    ],
  },
  boosts: {
    table: 'boosts',
    fields: [
      f('id', 'id', 'text'),
      f('storyId', 'story_key', 'ref', S),
      f('startsAt', 'starts_at', 'ts'),
      f('endsAt', 'ends_at', 'ts'),
      f('source', 'source', 'text'),
    ],
  },
  sessions: {
    table: 'sessions',
    fields: [
      f('id', 'id', 'text'),
      f('storyId', 'story_key', 'ref', S),
      f('readerId', 'reader_key', 'refOrNull', M),
      f('startedAt', 'started_at', 'ts'),
      f('activeSeconds', 'active_seconds', 'int'),
      f('mode', 'mode', 'text'),
    ],
  },
  engagements: {
    table: 'engagements',
    fields: [
      f('id', 'id', 'text'),
      f('storyId', 'story_key', 'ref', S),
      f('memberId', 'member_key', 'ref', M),
      f('kind', 'kind', 'text'),
      f('occurredAt', 'occurred_at', 'ts'),
      f('count', 'count', 'int'),
    ],
  },
  follows: {
    table: 'follows',
    fields: [
      f('id', 'id', 'text'),
      f('followerId', 'follower_key', 'ref', M),
      f('followeeId', 'followee_key', 'ref', M),
      f('followedAt', 'followed_at', 'ts'),
      f('unfollowedAt', 'unfollowed_at', 'tsOrNull'),
    ],
  },
  referrals: {
    table: 'referrals',
    fields: [
      f('id', 'id', 'text'),
      f('referrerId', 'referrer_key', 'ref', M),
      f('referredMemberId', 'referred_member_key', 'ref', M),
      f('referredAt', 'referred_at', 'ts'),
      f('pageSlug', 'page_slug', 'text'),
    ],
  },
} as const satisfies Record<string, { table: string; fields: Field[] }>;
export type DenseKind = keyof typeof DENSE_KINDS;

// ---- time formatting (epoch seconds; no Date objects on the hot path) ---------------------

const DAY = 86_400;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const days = new Map<number, string>();
export function dayString(day: number): string {
  let s = days.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    if (days.size > 100_000) days.clear();
    days.set(day, s);
  }
  return s;
}
export function isoSeconds(sec: number): string {
  const day = Math.floor(sec / DAY);
  const r = sec - day * DAY;
  const h = (r / 3600) | 0;
  const m = ((r - h * 3600) / 60) | 0;
  return `${dayString(day)}T${PAD2[h]}:${PAD2[m]}:${PAD2[r - h * 3600 - m * 60]}Z`;
}

// ---- formats ----------------------------------------------------------------------------

const copyText = (s: string) =>
  /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : s;
const isNull = (v: Cell) => v === null || (typeof v === 'number' && Number.isNaN(v));

function jsonValue(fd: Field, v: Cell): string {
  if (isNull(v)) return 'null';
  switch (fd.type) {
    case 'text':
      return JSON.stringify(v);
    case 'int':
    case 'bool':
      return String(v);
    case 'ts':
    case 'tsOrNull':
      return `"${isoSeconds(v as number)}"`;
    case 'date':
    case 'dateOrNull':
      return `"${dayString(v as number)}"`;
    case 'month':
      return `"${v}"`;
    default:
      return `"${fd.prefix}${v}"`;
  }
}

function copyValue(fd: Field, v: Cell): string {
  if (isNull(v)) return '\\N';
  switch (fd.type) {
    case 'text':
      return copyText(v as string);
    case 'int':
      return String(v);
    case 'bool':
      return v ? 't' : 'f';
    case 'ts':
    case 'tsOrNull':
      return isoSeconds(v as number);
    case 'date':
    case 'dateOrNull':
      return dayString(v as number);
    case 'month':
      return `${v}-01`;
    case 'entity':
      return `${(v as number) + 1}\t${fd.prefix}${v}`;
    default:
      return String((v as number) + 1);
  }
}

// ---- outputs ----------------------------------------------------------------------------

const CHUNK = 1 << 18;

/** One kind's output: rows buffered into chunks, written with backpressure. */
export class KindOut {
  rows = 0;
  private buf = '';
  constructor(
    private readonly format: (values: Cell[]) => string,
    private readonly stream: Writable,
    private readonly done: () => Promise<void>,
  ) {}

  /** Appends a record; true when the caller should `await flush()`. */
  add(values: Cell[]): boolean {
    this.buf += this.format(values);
    this.rows++;
    return this.buf.length >= CHUNK;
  }

  async flush(): Promise<void> {
    if (!this.buf) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    await this.done();
    return this.rows;
  }
}

export interface MonthSink {
  open(kind: DenseKind): Promise<KindOut>;
  /** After every kind is closed. */
  finish(): Promise<void>;
}

/** NDJSON files `<kind>.ndjson` in `dir`. */
export function bundleSink(dir: string): MonthSink {
  return {
    async open(kind) {
      const fields: readonly Field[] = DENSE_KINDS[kind].fields;
      const format = (v: Cell[]) => {
        let line = '{';
        for (let i = 0; i < fields.length; i++) line += `${i ? ',' : ''}"${fields[i].json}":${jsonValue(fields[i], v[i])}`;
        return line + '}\n';
      };
      return new KindOut(format, createWriteStream(join(dir, `${kind}.ndjson`), { highWaterMark: 1 << 20 }), async () => undefined);
    },
    async finish() {},
  };
}

/**
 * COPY into the tables of a migrated, empty database. Unique constraints and indexes of a
 * table are dropped while it loads and built again after (much faster than maintaining them
 * row by row); serial keys continue after the loaded ones.
 */
export function databaseSink(url: string): MonthSink {
  return {
    async open(kind) {
      const { table, fields } = DENSE_KINDS[kind] as { table: string; fields: readonly Field[] };
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const restore = await dropIndexes(client, table);
      const columns = fields.flatMap((fd) => (fd.type === 'entity' ? ['key', fd.column] : [fd.column]));
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      const format = (v: Cell[]) => {
        let line = '';
        for (let i = 0; i < fields.length; i++) line += `${i ? '\t' : ''}${copyValue(fields[i], v[i])}`;
        return line + '\n';
      };
      return new KindOut(format, stream, async () => {
        await client.query(`SET maintenance_work_mem = '256MB'`);
        for (const sql of restore) await client.query(sql);
        if (columns.includes('key'))
          await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'key'), coalesce(max(key), 0) + 1, false) FROM ${table}`);
        await client.end();
      });
    },
    async finish() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('VACUUM ANALYZE');
      await client.end();
    },
  };
}

/** Drops a table's unique constraints and indexes; returns the statements that recreate them. */
async function dropIndexes(client: pg.Client, table: string): Promise<string[]> {
  const constraints = (
    await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
      [table],
    )
  ).rows as { conname: string; def: string }[];
  const indexes = (
    await client.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
      [table],
    )
  ).rows as { name: string; def: string }[];
  for (const c of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${c.conname}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  return [...constraints.map((c) => `ALTER TABLE ${table} ADD CONSTRAINT "${c.conname}" ${c.def}`), ...indexes.map((i) => i.def)];
}
