import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, CLAIM_SECONDS, claimedByOther, conflict, notFound, parseListQuery, type Actor } from '../../core/src/index.js';
import type { BulkDeclineDto, NominationClaimNextDto } from './boost-curation.dto.js';
import { NominationClaimsRepository, type NominationQueueStats } from './nomination-claims.repository.js';
import type { NominationView } from './nominations.repository.js';
import { NOMINATION_LIST, NominationsService } from './nominations.service.js';

/** Why a bulk decline skipped a nomination. */
export const BULK_DECLINE_SKIP_REASONS = ['not_found', 'not_pending', 'claimed'] as const;

export interface BulkDeclineResult {
  /** Present on a preview only: nothing was written. */
  dryRun?: true;
  declinedCount: number;
  skippedCount: number;
  declined: string[];
  skipped: { id: string; reason: (typeof BULK_DECLINE_SKIP_REASONS)[number]; status?: string; claimedByEmail?: string | null }[];
}

/** Thrown to roll a preview's transaction back, carrying what it would have done. */
class PreviewRollback extends Error {
  result?: BulkDeclineResult;
}

/**
 * The curators' queue: claims (one curator per nomination at a time), the next nomination,
 * live counts, bulk decline. Claims are working state and not audited; decisions are.
 */
@Injectable()
export class NominationQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nominations: NominationsService,
    private readonly claims: NominationClaimsRepository,
    private readonly audit: AuditService,
  ) {}

  async claim(actor: Actor, id: string): Promise<NominationView> {
    await this.dataSource.transaction(async (m) => {
      if (await this.claims.claim(m, id, actor.id, CLAIM_SECONDS)) return;
      const [holder] = await this.claims.holders(m, [id]);
      if (!holder) throw notFound('nomination', id);
      if (holder.status !== 'pending')
        throw conflict(`nomination ${id} is ${holder.status}, not pending: decisions are final`, { status: holder.status });
      throw claimedByOther('nomination', id, holder);
    });
    return this.nominations.get(id);
  }

  async release(actor: Actor, id: string): Promise<NominationView> {
    await this.claims.release(this.dataSource.manager, id, actor.id);
    return this.nominations.get(id);
  }

  async claimNext(actor: Actor, dto: NominationClaimNextDto): Promise<{ next: NominationView | null }> {
    const q = parseListQuery({ filter: JSON.stringify(dto.filter ?? {}) }, NOMINATION_LIST);
    const id = await this.dataSource.transaction((m) => this.claims.claimNext(m, actor.id, q, dto.after ?? null, CLAIM_SECONDS));
    return { next: id ? await this.nominations.get(id) : null };
  }

  stats(actor: Actor): Promise<NominationQueueStats> {
    return this.claims.stats(actor.id);
  }

  /**
   * Declines the pending nominations among `ids` under one guideline, in one transaction
   * with an audit entry each: those decided already, missing or claimed by another curator
   * are skipped and listed. `dryRun`: the same statements rolled back (the preview).
   */
  async bulkDecline(actor: Actor, dto: BulkDeclineDto): Promise<BulkDeclineResult> {
    const ids = [...new Set(dto.ids)];
    const note = dto.note ?? null;
    const preview = new PreviewRollback();
    try {
      return await this.dataSource.transaction(async (m) => {
        const holders = await this.claims.holders(m, ids, true);
        const found = new Map(holders.map((h) => [h.id, h]));
        const declined = await this.claims.declineMany(m, ids, actor.id, dto.reason, note);
        const done = new Set(declined.map((d) => d.id));
        const skipped: BulkDeclineResult['skipped'] = ids
          .filter((id) => !done.has(id))
          .map((id) => {
            const h = found.get(id);
            if (!h) return { id, reason: 'not_found' };
            if (h.status !== 'pending') return { id, reason: 'not_pending', status: h.status };
            return { id, reason: 'claimed', status: h.status, claimedByEmail: h.claimedByEmail };
          });
        const result: BulkDeclineResult = {
          ...(dto.dryRun ? { dryRun: true as const } : {}),
          declinedCount: declined.length,
          skippedCount: skipped.length,
          declined: declined.map((d) => d.id).sort(),
          skipped,
        };
        if (dto.dryRun) {
          preview.result = result;
          throw preview;
        }
        if (declined.length) {
          await this.audit.recordMany(m, actor, [
            {
              action: 'nomination.bulk-decline',
              entityType: 'nomination',
              entityId: '*',
              after: { ids, declined: declined.length, skipped: skipped.length },
              reason: dto.reason,
            },
            ...declined.map((after) => ({
              action: 'nomination.decline',
              entityType: 'nomination',
              entityId: after.id,
              before: { status: 'pending' },
              after,
              reason: note ? `${dto.reason}: ${note}` : dto.reason,
            })),
          ]);
        }
        return result;
      });
    } catch (e) {
      if (e === preview) return preview.result!;
      throw e;
    }
  }
}
