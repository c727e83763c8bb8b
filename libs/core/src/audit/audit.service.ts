import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/access.decorators.js';
import { AuditRepository, type AuditRecord } from './audit.repository.js';

export type { AuditRecord } from './audit.repository.js';

/** The append-only audit log. `record` takes the write's own transaction, so both land or neither. */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async record(manager: EntityManager, actor: Actor | null, entry: AuditRecord): Promise<void> {
    await this.recordMany(manager, actor, [entry]);
  }

  /** One statement for many entries (bulk actions); nothing for none. */
  async recordMany(manager: EntityManager, actor: Actor | null, entries: AuditRecord[]): Promise<void> {
    if (entries.length > 0) await this.repo.insertMany(manager, actor, entries);
  }

  list(query: Record<string, unknown>) {
    return this.repo.list(query);
  }
}
