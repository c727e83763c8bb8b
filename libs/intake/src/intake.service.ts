import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError, badInput, conflict, IntakeHooks } from '../../core/src/index.js';
import { intakeDb, pgCode } from './intake-db.js';
import { KeyMaps } from './keys.js';
import { INTAKE_KINDS, isIntakeKind, KIND_SPECS, type IntakeKind, type KindSpec, type RefEntity } from './kinds.js';
import { mergeKind, type MergeOutcome, type RecordStatus } from './merger.js';

/** The most records one intake request may carry (spec/import-format.md). */
export const MAX_BATCH = 10_000;

/** Errors a concurrent batch causes, which the next try does not meet: deadlock, serialization, unique violation. */
const RETRIED = new Set(['40P01', '40001', '23505']);
const MERGE_ATTEMPTS = 4;

export interface IntakeRecordResult {
  index: number;
  id?: string;
  status: RecordStatus;
  reason?: string;
}

export interface IntakeResponse {
  kind: IntakeKind;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Every record of the batch, in order. */
  results: IntakeRecordResult[];
  /** The refused records only, with the reason. */
  rejections: { index: number; id?: string; reason: string }[];
}

/**
 * The intake API's door: the same validation and merge as the bundle import (merger.ts),
 * for one batch of one kind, in one transaction on a connection of the api's pool.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hooks: IntakeHooks,
  ) {}

  async ingest(kindName: string, body: unknown): Promise<IntakeResponse> {
    if (!isIntakeKind(kindName))
      throw new ApiError(404, 'not_found', `unknown kind "${kindName}": intake takes ${INTAKE_KINDS.join(', ')}`);
    if (!Array.isArray(body)) {
      throw badInput('the body must be a JSON array of records (Content-Type: application/json)', [
        { field: 'body', message: 'must be an array' },
      ]);
    }
    if (body.length > MAX_BATCH) {
      throw new ApiError(
        413,
        'payload_too_large',
        `a batch holds at most ${MAX_BATCH.toLocaleString('en-US')} records; this one has ${body.length.toLocaleString('en-US')}: split it`,
        {
          maxRecords: MAX_BATCH,
          received: body.length,
        },
      );
    }
    const spec = KIND_SPECS[kindName];
    const outcome = await this.mergeRetrying(spec, body);
    await this.hooks.readingChanged(outcome.readingChanges);
    const results: IntakeRecordResult[] = body.map((_, index) => {
      const s = outcome.statuses!.get(index) ?? { status: 'unchanged' as const };
      return { index, ...(s.id !== undefined ? { id: s.id } : {}), status: s.status, ...(s.reason ? { reason: s.reason } : {}) };
    });
    return {
      kind: kindName,
      received: outcome.received,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected,
      results,
      rejections: results.filter((r) => r.status === 'rejected').map((r) => ({ index: r.index, id: r.id, reason: r.reason! })),
    };
  }

  /**
   * Merges the batch, again when a concurrent batch made it fail (a deadlock, or a unique
   * index a concurrent commit filled between the batch's checks and its writes): each try
   * is one transaction, rolled back whole. A conflict that outlasts the tries, or any other
   * constraint the batch breaks, is a 409 for the batch, with nothing of it written.
   */
  private async mergeRetrying(spec: KindSpec, body: unknown[]): Promise<MergeOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.mergeOnce(spec, body);
      } catch (e) {
        const code = pgCode(e);
        if (code === undefined) throw e;
        if (RETRIED.has(code) && attempt < MERGE_ATTEMPTS) continue;
        if (RETRIED.has(code) || code.startsWith('23')) {
          const constraint = (e as { constraint?: string }).constraint;
          throw conflict(
            `the ${spec.kind} batch conflicted with a concurrent change${constraint ? ` (${constraint})` : ''}; nothing of it was written: send it again`,
            constraint ? { constraint } : undefined,
          );
        }
        throw e;
      }
    }
  }

  private async mergeOnce(spec: KindSpec, body: unknown[]): Promise<MergeOutcome> {
    const db = await intakeDb(this.dataSource);
    try {
      const keys = new KeyMaps();
      const wanted = new Map<RefEntity, string[]>();
      for (const f of spec.fields) {
        if (f.type.t !== 'ref') continue;
        const ids = wanted.get(f.type.entity) ?? [];
        for (const r of body) {
          const v = r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[f.name] : undefined;
          if (typeof v === 'string') ids.push(v);
        }
        wanted.set(f.type.entity, ids);
      }
      for (const [entity, ids] of wanted) await keys.loadSome(db, entity, ids);
      const batches = async function* () {
        yield { first: 0, items: body, parse: false };
      };
      return await mergeKind(db, spec, { batches }, { keys, bulk: false, hooks: this.hooks, statuses: true });
    } finally {
      await db.release();
    }
  }
}
