import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/access.decorators.js';
import { queryPage } from '../database/list-page.js';
import type { ListSpec } from '../http/list-query.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export const AUDIT_LIST: ListSpec = {
  resource: 'audit-log',
  key: 'id',
  defaultSort: ['at', 'DESC'],
  sort: { id: 'id', at: 'at', action: 'action', entityType: 'entity_type', actorEmail: 'actor_email' },
  filters: {
    id: { column: 'id', type: 'bigint' },
    actorId: { column: 'actor_id', type: 'uuid' },
    // Partial and case-insensitive: "approve" finds application.approve, payout-run.approve, …
    actorEmail: { column: 'actor_email', type: 'text', op: 'partial' },
    action: { column: 'action', type: 'text', op: 'partial' },
    entityType: { column: 'entity_type', type: 'text' },
    entityId: { column: 'entity_id', type: 'text' },
    at: { column: 'at', type: 'timestamp' },
  },
  search: ['action', 'entity_id', 'actor_email', 'reason'],
};

/** The audit log's SQL: append (one statement for many entries) and the staff list. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, actor: Actor | null, entries: AuditRecord[]): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, before, after, reason)
       SELECT $1, $2, e.action, e.entity_type, e.entity_id, e.before, e.after, e.reason
       FROM jsonb_to_recordset($3::jsonb) AS e(action text, entity_type text, entity_id text, before jsonb, after jsonb, reason text)`,
      [
        actor?.id ?? null,
        actor?.email ?? 'system',
        JSON.stringify(
          entries.map((e) => ({
            action: e.action,
            entity_type: e.entityType,
            entity_id: e.entityId,
            before: e.before ?? null,
            after: e.after ?? null,
            reason: e.reason ?? null,
          })),
        ),
      ],
    );
  }

  list(query: Record<string, unknown>) {
    return queryPage(this.dataSource, AUDIT_LIST, query, {
      select: `id::text AS id, at, actor_id AS "actorId", actor_email AS "actorEmail", action, entity_type AS "entityType",
               entity_id AS "entityId", before, after, reason`,
      from: 'audit_log',
    });
  }
}
