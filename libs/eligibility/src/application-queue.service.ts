import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLAIM_SECONDS, claimedByOther, conflict, notFound, parseListQuery, type Actor } from '../../core/src/index.js';
import { ApplicationClaimsRepository, type ApplicationQueueStats } from './application-claims.repository.js';
import { APPLICATION_LIST, ApplicationsRepository, type ApplicationView } from './applications.repository.js';
import type { ClaimNextDto } from './eligibility.dto.js';

/**
 * The reviewers' queue: claims (one reviewer per application at a time), the next
 * application to work on, live counts. Claims are working state, not decisions: they are
 * not audited (the decision that ends one is).
 */
@Injectable()
export class ApplicationQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApplicationsRepository,
    private readonly claims: ApplicationClaimsRepository,
  ) {}

  /** Takes or renews the actor's claim; 409 when another reviewer holds it or it is decided. */
  async claim(actor: Actor, id: string): Promise<ApplicationView> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.claims.claim(m, id, actor.id, CLAIM_SECONDS))) {
        const holder = await this.claims.holder(m, id);
        if (!holder) throw notFound('application', id);
        if (holder.status !== 'pending') throw conflict(`application ${id} is ${holder.status}, not pending`, { status: holder.status });
        throw claimedByOther('application', id, holder);
      }
      return (await this.repo.get(m, id))!;
    });
  }

  /** Ends the actor's claim (they stop working on it without deciding). Releasing nothing is fine. */
  async release(actor: Actor, id: string): Promise<ApplicationView> {
    return this.dataSource.transaction(async (m) => {
      await this.claims.release(m, id, actor.id);
      const view = await this.repo.get(m, id);
      if (!view) throw notFound('application', id);
      return view;
    });
  }

  /** Claims the next free pending application after `after` among those the filter matches; `next: null` when there is none. */
  async claimNext(actor: Actor, dto: ClaimNextDto): Promise<{ next: ApplicationView | null }> {
    const q = parseListQuery({ filter: JSON.stringify(dto.filter ?? {}) }, APPLICATION_LIST);
    return this.dataSource.transaction(async (m) => {
      const id = await this.claims.claimNext(m, actor.id, q, dto.after ?? null, CLAIM_SECONDS);
      return { next: id ? ((await this.repo.get(m, id)) ?? null) : null };
    });
  }

  stats(actor: Actor): Promise<ApplicationQueueStats> {
    return this.claims.stats(actor.id);
  }
}
