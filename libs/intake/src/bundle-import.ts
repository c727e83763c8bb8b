/*
 * The bundle import: a folder of NDJSON files (spec/import-format.md), in any order,
 * merged kind by kind in reference order (members and publications, then what refers to
 * them, then what refers to stories), so that a record referring to another record of the
 * same bundle resolves whatever the file order. Each file is streamed (never held in
 * memory) and merged in its own transaction by the same code as the intake API.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { intakeDb, type IntakeDb } from './intake-db.js';
import { KeyMaps, type KeyLookup } from './keys.js';
import { fileOf, INTAKE_KINDS, KIND_SPECS, MERGE_ORDER, type IntakeKind, type KindSpec, type RefEntity } from './kinds.js';
import { availableParallelism } from 'node:os';
import { mergeKind, WORKER_MIN_BYTES, type HookRunner, type MergeOutcome, type Rejection } from './merger.js';
import { readNdjson } from './ndjson.js';
import { latestChanges } from './reading-versions.js';
import type { ReadingChange } from '../../core/src/intake-hooks.js';

export interface KindReport extends Omit<MergeOutcome, 'statuses' | 'readingChanges'> {
  file: string;
  bytes: number;
  seconds: number;
  /** Seconds spent reading, validating and copying the file (the rest: indexes or merge, hooks). */
  streamSeconds: number;
}

export interface ImportReport {
  folder: string;
  kinds: KindReport[];
  /** Files of the folder that are not bundle files. */
  ignored: string[];
  seconds: number;
  changed: boolean;
  /** The periods whose reading the bundle changed, at their latest version (for the detection after intake). */
  readingChanges: ReadingChange[];
}

export interface ImportOptions {
  /** Domain reactions to applications, nominations and tickets; a function is called only when needed. */
  hooks?: HookRunner | (() => Promise<HookRunner>);
  onReject?: (file: string, rejection: Rejection) => void;
  onProgress?: (file: string, records: number, phase?: string) => void;
  onKindStart?: (file: string) => void;
  onKindDone?: (report: KindReport) => void;
  /** Worker threads that encode big files (default: one per core, at most 4; 0: none, this thread encodes). */
  workers?: number;
  /** Files from this size on use the workers (default merger.WORKER_MIN_BYTES). */
  workerMinBytes?: number;
}

const ENTITY_OF_KIND: Partial<Record<IntakeKind, RefEntity>> = { members: 'member', stories: 'story', publications: 'publication' };

/** The bundle files of a folder by kind, and the other files. */
export async function bundleFiles(folder: string): Promise<{ files: Map<IntakeKind, string>; ignored: string[] }> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `no such folder: ${folder}` : `cannot read ${folder}: ${e.message}`);
  });
  const files = new Map<IntakeKind, string>();
  const ignored: string[] = [];
  for (const e of entries) {
    const kind = INTAKE_KINDS.find((k) => fileOf(k) === e.name);
    const path = join(folder, e.name);
    const isFile = e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => null))?.isFile());
    if (kind && isFile) files.set(kind, path);
    else ignored.push(e.name);
  }
  return { files, ignored: ignored.sort() };
}

function lazyHooks(hooks: ImportOptions['hooks']): HookRunner | undefined {
  if (!hooks || typeof hooks !== 'function') return hooks;
  let runner: Promise<HookRunner> | null = null;
  return { run: async (kind, manager, ids) => (await (runner ??= hooks())).run(kind, manager, ids) };
}

/** The keys of the ids a (small) file refers to, in one query per entity. */
async function idsOfFile(db: IntakeDb, spec: KindSpec, path: string): Promise<KeyMaps> {
  const wanted = new Map<RefEntity, Set<string>>();
  const refs = spec.fields.filter((f) => f.type.t === 'ref');
  for (const f of refs) wanted.set((f.type as { entity: RefEntity }).entity, new Set());
  if (refs.length) {
    for await (const batch of readNdjson(path)) {
      for (const line of batch.lines) {
        if (typeof line !== 'string' || !line.trim()) continue;
        let r: unknown;
        try {
          r = JSON.parse(line);
        } catch {
          continue;
        }
        if (r === null || typeof r !== 'object') continue;
        for (const f of refs) {
          const v = (r as Record<string, unknown>)[f.name];
          if (typeof v === 'string') wanted.get((f.type as { entity: RefEntity }).entity)!.add(v);
        }
      }
    }
  }
  const keys = new KeyMaps();
  for (const [entity, ids] of wanted) await keys.loadSome(db, entity, ids);
  return keys;
}

/** Session settings for one long bulk session (server memory, this connection only). */
async function bulkSession(db: IntakeDb): Promise<void> {
  await db.query(`SET temp_buffers = '256MB'`);
  await db.query(`SET work_mem = '128MB'`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
}

export async function importBundle(dataSource: DataSource, folderPath: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const folder = resolve(folderPath);
  const started = performance.now();
  const { files, ignored } = await bundleFiles(folder);
  const hooks = lazyHooks(opts.hooks);
  const workers = opts.workers ?? Math.min(availableParallelism(), 4);
  const db = await intakeDb(dataSource);
  const keys = new KeyMaps();
  const kinds: KindReport[] = [];
  const readingChanges: ReadingChange[] = [];
  try {
    await bulkSession(db);
    const present = MERGE_ORDER.filter((k) => files.has(k));
    const sizes = new Map<IntakeKind, number>();
    for (const k of present) sizes.set(k, (await stat(files.get(k)!)).size);
    const isBig = (k: IntakeKind) => sizes.get(k)! >= (opts.workerMinBytes ?? WORKER_MIN_BYTES);
    for (const [i, kind] of present.entries()) {
      const path = files.get(kind)!;
      const spec = KIND_SPECS[kind];
      const file = fileOf(kind);
      const t0 = performance.now();
      opts.onKindStart?.(file);
      // A big file resolves against whole id → key tables (kept for the next big files);
      // a small one looks up just the ids it mentions.
      let lookup: KeyLookup = keys;
      if (isBig(kind)) {
        for (const f of spec.fields) if (f.type.t === 'ref' && !keys.has(f.type.entity)) await keys.loadAll(db, f.type.entity);
      } else lookup = await idsOfFile(db, spec, path);
      let streamEnd = 0;
      const outcome = await mergeKind(
        db,
        spec,
        { file: path, workers, workerMinBytes: opts.workerMinBytes },
        {
          keys: lookup,
          bulk: true,
          hooks,
          onReject: (r) => opts.onReject?.(file, r),
          onProgress: (n, phase) => {
            if (phase && !streamEnd) streamEnd = performance.now();
            opts.onProgress?.(file, n, phase);
          },
        },
      );
      const t1 = performance.now();
      const { statuses: _omit, readingChanges: changes, ...rest } = outcome;
      readingChanges.push(...changes);
      const report: KindReport = {
        ...rest,
        file,
        bytes: sizes.get(kind)!,
        seconds: (t1 - t0) / 1000,
        streamSeconds: ((streamEnd || t1) - t0) / 1000,
      };
      kinds.push(report);
      opts.onKindDone?.(report);
      const entity = ENTITY_OF_KIND[kind];
      if (entity && (outcome.inserted || outcome.updated)) keys.forget(entity);
      const later = present.slice(i + 1).filter(isBig);
      for (const e of ['member', 'story', 'publication'] as RefEntity[]) {
        if (!later.some((k) => KIND_SPECS[k].fields.some((f) => f.type.t === 'ref' && f.type.entity === e))) keys.forget(e);
      }
    }
  } finally {
    await db.release();
  }
  return {
    folder,
    kinds,
    ignored,
    seconds: (performance.now() - started) / 1000,
    changed: kinds.some((k) => k.inserted > 0 || k.updated > 0),
    readingChanges: latestChanges(readingChanges),
  };
}
