/*
 * Worker thread of encode-pool.ts: decodes, validates, resolves and encodes raw chunks of
 * one kind's file with the same BatchEncoder as the caller's thread would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchEncoder } from './batch-encoder.js';
import { IdKeyTable, type SharedIdKeyTable } from './id-key-table.js';
import type { KeyTable } from './keys.js';
import { KIND_SPECS, type IntakeKind, type RefEntity } from './kinds.js';
import { decodeLines } from './ndjson.js';

export interface EncodeWorkerInit {
  kind: IntakeKind;
  staged: boolean;
  tables: Partial<Record<RefEntity, SharedIdKeyTable>>;
}

export type EncodeWorkerTask = { first: number; data: ArrayBuffer } | { first: number; bad: string };

export interface EncodeWorkerResult {
  out: ArrayBuffer;
  received: number;
  accepted: number;
  rejections: { line: number; id?: string; reason: string }[];
}

const init = workerData as EncodeWorkerInit;
const tables = new Map<RefEntity, KeyTable>();
for (const [entity, shared] of Object.entries(init.tables)) tables.set(entity as RefEntity, IdKeyTable.fromShared(shared!));
const encoder = new BatchEncoder(KIND_SPECS[init.kind], { table: (e) => tables.get(e) }, { staged: init.staged, identities: false });
const utf8 = new TextEncoder();

parentPort!.on('message', (task: EncodeWorkerTask) => {
  const items = 'bad' in task ? [{ bad: task.bad }] : decodeLines(new Uint8Array(task.data));
  const r = encoder.encode(task.first, items, true);
  const out = utf8.encode(r.text).buffer as ArrayBuffer;
  const result: EncodeWorkerResult = { out, received: r.received, accepted: r.accepted, rejections: r.rejections };
  parentPort!.postMessage(result, [out]);
});
