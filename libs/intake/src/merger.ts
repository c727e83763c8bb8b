/*
 * One kind's batch, for both doors: validate each record (validate.ts), resolve its
 * references to keys, stream the accepted rows to PostgreSQL with COPY, and merge them in
 * set-based SQL inside one transaction, with the domains' IntakeHooks in the same
 * transaction. Two ways to write:
 *
 * - staged (always for the API; for the import when the table already has rows): COPY into
 *   a temporary staging table, then one upsert statement (merge-sql.ts);
 * - direct (the import into an empty table, a first load or a backfill): COPY straight into
 *   the table with its indexes dropped, then rebuild them. Nothing can conflict in an empty
 *   table, so this gives the same rows as the upsert; if the bundle repeats an id the index
 *   rebuild fails and the batch is redone staged (the last line of an id wins).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import { stat } from 'node:fs/promises';
import type { ReadingChange } from '../../core/src/intake-hooks.js';
import { BatchEncoder, type Rejection } from './batch-encoder.js';
import { encodeFileInWorkers, shareableTables } from './encode-pool.js';
import { pgCode, type IntakeDb } from './intake-db.js';
import type { KeyLookup } from './keys.js';
import type { IntakeKind, KindSpec } from './kinds.js';
import {
  APPLICATION_CONFLICTS_SQL,
  copyIntoStageSql,
  copyIntoTableSql,
  createStageSql,
  dropIndexes,
  LOCK_APPLICATION_MEMBERS_SQL,
  mergeSql,
  restoreIndexes,
  STAGE,
} from './merge-sql.js';
import { markEstimateDaysSql } from './estimate-day-marks.js';
import { readNdjson, type BadLine } from './ndjson.js';
import { bumpReadingVersions, periodsOfTable } from './reading-versions.js';

/** Lets domains react inside intake's transaction (IntakeHooks from libs/core fits). */
export interface HookRunner {
  run(kind: string, manager: EntityManager, ids: string[]): Promise<void>;
}

/**
 * Records to merge. `batches`: items are JSON lines to parse (`parse: true`, blank lines
 * skipped) or parsed values (the API); item i of a batch has line number (or index)
 * `first + i`. `file`: an NDJSON file, encoded on `workers` worker threads when it is big.
 * Either can be read more than once (a direct load that fails is redone staged).
 */
export interface RecordBatch {
  first: number;
  items: readonly (string | BadLine | unknown)[];
  parse: boolean;
}
export type RecordSource = { batches: () => AsyncIterable<RecordBatch> } | { file: string; workers: number; workerMinBytes?: number };

/** Files smaller than this are encoded in the caller's thread (a worker costs a start-up). */
export const WORKER_MIN_BYTES = 1 << 20;

export type RecordStatus = 'inserted' | 'updated' | 'unchanged' | 'rejected';

export type { Rejection };

export interface MergeOptions {
  keys: KeyLookup;
  /**
   * The import: `direct` loads into an empty table are allowed, and staged rows are merged
   * unsorted. Otherwise (the API) rows are merged in identity order, so that concurrent
   * batches with the same ids lock them in the same order and cannot deadlock.
   */
  bulk: boolean;
  hooks?: HookRunner;
  /** Every refused record, as soon as it is known. */
  onReject?: (r: Rejection) => void;
  /** Records read so far (for progress). */
  onProgress?: (records: number, phase?: string) => void;
  /** Per-record statuses (the API's answer); costs memory per record. */
  statuses?: boolean;
}

export interface MergeOutcome {
  kind: IntakeKind;
  /** Records seen (blank lines are not records). */
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  path: 'direct' | 'staged';
  /** Reading kinds: the periods whose reading the merge changed, at their new version (committed with it). */
  readingChanges: ReadingChange[];
  /** With `statuses`: by line number (or index). */
  statuses?: Map<number, { status: RecordStatus; id?: string; reason?: string }>;
}

interface EncodeResult {
  received: number;
  accepted: number;
  rejected: number;
  /** Per accepted line, when statuses are wanted: [identity column value as text, the record's own identity]. */
  identities?: Map<number, [string, string]>;
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (chunk && !stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Validates and resolves every record of the source, writing accepted ones as COPY rows
 * (prefixed with their line number when `staged`). Refusals go to `reject`, in order.
 */
async function encodeSource(
  spec: KindSpec,
  source: RecordSource,
  keys: KeyLookup,
  out: Writable,
  staged: boolean,
  reject: (r: Rejection) => void,
  opts: { identities: boolean; onProgress?: (n: number) => void },
): Promise<EncodeResult> {
  if (
    'file' in source &&
    source.workers > 0 &&
    !opts.identities &&
    (await stat(source.file)).size >= (source.workerMinBytes ?? WORKER_MIN_BYTES)
  ) {
    const tables = shareableTables(spec, keys);
    if (tables)
      return encodeFileInWorkers(source.file, spec, tables, out, { staged, workers: source.workers, reject, onProgress: opts.onProgress });
  }
  const batches: () => AsyncIterable<RecordBatch> =
    'file' in source
      ? async function* () {
          for await (const b of readNdjson(source.file)) yield { first: b.first, items: b.lines, parse: true };
        }
      : source.batches;
  const encoder = new BatchEncoder(spec, keys, { staged, identities: opts.identities });
  const identities = opts.identities ? new Map<number, [string, string]>() : undefined;
  let received = 0;
  let accepted = 0;
  let rejected = 0;
  for await (const batch of batches()) {
    const r = encoder.encode(batch.first, batch.items, batch.parse);
    received += r.received;
    accepted += r.accepted;
    rejected += r.rejections.length;
    for (const x of r.rejections) reject(x);
    if (identities) for (const [line, identity, id] of r.identities!) identities.set(line, [identity, id]);
    await write(out, r.text);
    opts.onProgress?.(received);
  }
  return { received, accepted, rejected, identities };
}

async function copyInto(db: IntakeDb, sql: string, run: (out: Writable) => Promise<EncodeResult>): Promise<EncodeResult> {
  const stream = db.copyIn(sql);
  const done = finished(stream);
  done.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  let result: EncodeResult;
  try {
    result = await run(stream);
  } catch (e) {
    stream.destroy(e as Error);
    await done.catch(() => undefined);
    throw e;
  }
  stream.end();
  await done;
  return result;
}

async function savepoint<T>(
  db: IntakeDb,
  name: string,
  fn: () => Promise<T>,
  recover: (e: unknown) => boolean,
): Promise<{ ok: true; value: T } | { ok: false }> {
  await db.query(`SAVEPOINT ${name}`);
  try {
    const value = await fn();
    await db.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: true, value };
  } catch (e) {
    if (!recover(e)) throw e;
    await db.query(`ROLLBACK TO SAVEPOINT ${name}`);
    return { ok: false };
  }
}

/** Merges one kind's records in one transaction on `db` (which must not be in a transaction). */
export async function mergeKind(db: IntakeDb, spec: KindSpec, source: RecordSource, opts: MergeOptions): Promise<MergeOutcome> {
  const statuses = opts.statuses ? new Map<number, { status: RecordStatus; id?: string; reason?: string }>() : undefined;
  let rejectedBySql = 0;
  let reported = false; // a redo must not report the same refusals twice
  const reject = (r: Rejection) => {
    if (reported) return;
    statuses?.set(r.line, { status: 'rejected', id: r.id, reason: r.reason });
    opts.onReject?.(r);
  };
  const progress = opts.onProgress;

  await db.begin();
  try {
    let path: 'direct' | 'staged' = 'staged';
    let encoded: EncodeResult | null = null;
    let inserted = 0;
    let updated = 0;
    const changedIds: string[] = [];
    let periods: string[] = [];

    if (opts.bulk && !spec.hooked && (await isEmpty(db, spec.table))) {
      await db.query(`LOCK TABLE ${spec.table} IN ACCESS EXCLUSIVE MODE`);
      if (await isEmpty(db, spec.table)) {
        const direct = await savepoint(
          db,
          'intake_direct',
          async () => {
            await db.query(`SET LOCAL maintenance_work_mem = '1GB'`);
            const saved = await dropIndexes(db, spec.table);
            const result = await copyInto(db, copyIntoTableSql(spec), (out) =>
              encodeSource(spec, source, opts.keys, out, false, reject, { identities: !!statuses, onProgress: progress }),
            );
            progress?.(result.received, 'indexes');
            await restoreIndexes(db, saved);
            return result;
          },
          (e) => pgCode(e) === '23505',
        );
        if (direct.ok) {
          path = 'direct';
          encoded = direct.value;
          inserted = encoded.accepted;
          await db.query(`ANALYZE ${spec.table}`);
          periods = await periodsOfTable(db, spec);
        } else reported = true;
      }
    }

    if (!encoded) {
      await db.query(createStageSql(spec));
      encoded = await copyInto(db, copyIntoStageSql(spec), (out) =>
        encodeSource(spec, source, opts.keys, out, true, reject, { identities: !!statuses, onProgress: progress }),
      );
      reported = false;
      progress?.(encoded.received, 'merge');
      if (spec.kind === 'applications') {
        await db.query(LOCK_APPLICATION_MEMBERS_SQL);
        const conflicts = await db.query<{ line_no: string; id: string; other: string; member_id: string }>(APPLICATION_CONFLICTS_SQL);
        for (const c of conflicts) {
          rejectedBySql++;
          reject({ line: Number(c.line_no), id: c.id, reason: `member ${c.member_id} already has a pending application (${c.other})` });
        }
      }
      const returning = spec.hooked || statuses ? 'rows' : 'counts';
      const result = await db.query<{
        identity?: string;
        inserted: boolean | string;
        updated?: string;
        period?: string;
        periods?: string[];
      }>(mergeSql(spec, { returning, ordered: !opts.bulk }));
      if (returning === 'counts') {
        inserted = Number(result[0].inserted);
        updated = Number(result[0].updated);
        periods = result[0].periods ?? [];
      } else {
        periods = [...new Set(result.flatMap((r) => (r.period ? [r.period] : [])))];
        const byIdentity = new Map<string, RecordStatus>();
        for (const r of result) {
          byIdentity.set(r.identity!, r.inserted ? 'inserted' : 'updated');
          if (r.inserted) inserted++;
          else updated++;
          changedIds.push(r.identity!);
        }
        if (statuses && encoded.identities) setStatuses(statuses, encoded.identities, byIdentity);
      }
      if (spec.hooked && opts.hooks && changedIds.length) await opts.hooks.run(spec.kind, db.manager, changedIds);
    } else if (statuses && encoded.identities) {
      for (const [line, [, id]] of encoded.identities) statuses.set(line, { status: 'inserted', id });
    }

    const readingChanges = await bumpReadingVersions(db, periods);
    const marks = markEstimateDaysSql(spec.kind, path === 'direct' ? spec.table : STAGE, path === 'direct');
    if (marks) await db.query(marks);
    await db.commit();
    const rejected = encoded.rejected + rejectedBySql;
    return {
      kind: spec.kind,
      received: encoded.received,
      inserted,
      updated,
      unchanged: encoded.received - rejected - inserted - updated,
      rejected,
      path,
      readingChanges,
      statuses,
    };
  } catch (e) {
    await db.rollback().catch(() => undefined);
    throw e;
  }
}

/** Accepted records' statuses: the last record of an identity gets the merge's verdict; earlier ones changed nothing. */
function setStatuses(
  statuses: Map<number, { status: RecordStatus; id?: string; reason?: string }>,
  identities: Map<number, [string, string]>,
  byIdentity: Map<string, RecordStatus>,
): void {
  const last = new Map<string, number>();
  for (const [line, [identity]] of identities) if (!statuses.has(line)) last.set(identity, line);
  for (const [line, [identity, id]] of identities) {
    if (statuses.has(line)) continue; // refused after encoding (SQL checks)
    const status = last.get(identity) === line ? (byIdentity.get(identity) ?? 'unchanged') : 'unchanged';
    statuses.set(line, { status, id });
  }
}

async function isEmpty(db: IntakeDb, table: string): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
  return row.empty;
}
