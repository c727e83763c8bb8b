/*
 * Encodes a big file on worker threads: this thread reads line-aligned chunks and writes
 * the encoded rows to COPY in file order; the workers do the per-record work
 * (batch-encoder.ts), the same code the caller's thread runs for small files. With two
 * cores the import is otherwise bound by one JavaScript thread while PostgreSQL waits.
 * The id → key tables are shared, not copied. Each worker's heap is capped: its garbage
 * stays small (this thread's heap is not capped, so it does not encode itself).
 */
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Rejection } from './batch-encoder.js';
import type { EncodeWorkerInit, EncodeWorkerResult, EncodeWorkerTask } from './encode-worker.js';
import { IdKeyTable, type SharedIdKeyTable } from './id-key-table.js';
import type { KeyLookup } from './keys.js';
import type { KindSpec, RefEntity } from './kinds.js';
import { readChunks } from './ndjson.js';

/** The compiled worker (under ts-jest this module runs from source: use the build). */
function workerFile(): string {
  const beside = fileURLToPath(new URL('./encode-worker.js', import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL('../../../dist/libs/intake/src/encode-worker.js', import.meta.url));
}

/** Whether the kind's reference tables can be shared with workers (the import's full tables can). */
export function shareableTables(spec: KindSpec, keys: KeyLookup): Partial<Record<RefEntity, SharedIdKeyTable>> | null {
  const tables: Partial<Record<RefEntity, SharedIdKeyTable>> = {};
  for (const f of spec.fields) {
    if (f.type.t !== 'ref') continue;
    const t = keys.table(f.type.entity);
    if (t === undefined) continue;
    if (!(t instanceof IdKeyTable)) return null;
    tables[f.type.entity] = t.share();
  }
  return tables;
}

interface Pending {
  resolve: (r: EncodeWorkerResult) => void;
  reject: (e: unknown) => void;
}

export async function encodeFileInWorkers(
  path: string,
  spec: KindSpec,
  tables: Partial<Record<RefEntity, SharedIdKeyTable>>,
  out: Writable,
  opts: { staged: boolean; workers: number; reject: (r: Rejection) => void; onProgress?: (records: number) => void },
): Promise<{ received: number; accepted: number; rejected: number }> {
  const init: EncodeWorkerInit = { kind: spec.kind, staged: opts.staged, tables };
  const file = workerFile();
  const workers = Array.from(
    { length: opts.workers },
    () => new Worker(file, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: 12, maxYoungGenerationSizeMb: 4 } }),
  );
  const queues = workers.map(() => [] as Pending[]);
  let failure: unknown = null;
  workers.forEach((w, i) => {
    w.on('message', (r: EncodeWorkerResult) => queues[i].shift()?.resolve(r));
    const fail = (e: unknown) => {
      failure ??= e;
      for (const p of queues[i].splice(0)) p.reject(e);
    };
    w.on('error', fail);
    w.on('exit', (code) => code !== 0 && fail(new Error(`encode worker exited with code ${code}`)));
  });
  const submit = (i: number, task: EncodeWorkerTask, transfer: ArrayBuffer[]) =>
    new Promise<EncodeWorkerResult>((resolve, reject) => {
      if (failure) return reject(failure);
      queues[i].push({ resolve, reject });
      workers[i].postMessage(task, transfer);
    });

  let received = 0;
  let accepted = 0;
  let rejected = 0;
  const inFlight: Promise<EncodeWorkerResult>[] = [];
  const drainOne = async () => {
    const r = await inFlight.shift()!;
    received += r.received;
    accepted += r.accepted;
    rejected += r.rejections.length;
    for (const x of r.rejections) opts.reject(x);
    if (r.out.byteLength && !out.write(Buffer.from(r.out))) await once(out, 'drain');
    opts.onProgress?.(received);
  };
  try {
    let next = 0;
    for await (const chunk of readChunks(path, 256 << 10)) {
      if (inFlight.length >= workers.length * 2) await drainOne();
      const i = next++ % workers.length;
      if ('bad' in chunk) inFlight.push(submit(i, { first: chunk.first, bad: chunk.bad }, []));
      else {
        const data = new Uint8Array(chunk.data).buffer; // a copy this thread gives away
        inFlight.push(submit(i, { first: chunk.first, data }, [data]));
      }
    }
    while (inFlight.length) await drainOne();
  } finally {
    for (const p of inFlight) p.catch(() => undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { received, accepted, rejected };
}
