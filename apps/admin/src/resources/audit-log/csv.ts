import { col, list, type CsvColumn } from '../../components/csv';
import type { AuditEntry } from '../../api';

const fields = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The top-level fields whose value differs between before and after (every field of a creation or a deletion). */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = fields(before);
  const a = fields(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

/** One row per audit entry: what changed by name, then before and after as one-line JSON each. */
export const auditCsv: CsvColumn<AuditEntry>[] = [
  col('Entry', (r) => r.id),
  col('At (UTC)', (r) => r.at),
  col('Actor', (r) => r.actorEmail),
  col('Action', (r) => r.action),
  col('Entity type', (r) => r.entityType),
  col('Entity', (r) => r.entityId),
  col('Reason', (r) => r.reason),
  list('Changed fields', (r) => changedFields(r.before, r.after)),
  col('Before (JSON)', (r) => (r.before === null || r.before === undefined ? '' : JSON.stringify(r.before))),
  col('After (JSON)', (r) => (r.after === null || r.after === undefined ? '' : JSON.stringify(r.after))),
];
