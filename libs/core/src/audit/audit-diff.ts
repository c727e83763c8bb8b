/*
 * What an audit entry changed: the keys whose value differs between `before` and `after`
 * (compared as canonical JSON), in the order of `after` then the removed ones. No imports,
 * so the console's audit log shows the same diff (apps/admin/vite.config.ts, `@libs`).
 */

export interface AuditChange {
  key: string;
  /** undefined: the key was not there (a creation, or a key added). */
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted, so {a,b} and {b,a} compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/** The changed keys of two snapshots; a non-object snapshot is one change under the key "value". */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (!isObject(b) && !isObject(a) && b === undefined && a === undefined) return [];
  if ((b !== undefined && !isObject(b)) || (a !== undefined && !isObject(a))) {
    return canonical(b) === canonical(a) ? [] : [{ key: 'value', before: b, after: a }];
  }
  const bo = (b ?? {}) as Record<string, unknown>;
  const ao = (a ?? {}) as Record<string, unknown>;
  const keys = [...Object.keys(ao), ...Object.keys(bo).filter((k) => !Object.hasOwn(ao, k))];
  return keys
    .filter((k) => !Object.hasOwn(bo, k) || !Object.hasOwn(ao, k) || canonical(bo[k]) !== canonical(ao[k]))
    .map((key) => ({
      key,
      ...(Object.hasOwn(bo, key) ? { before: bo[key] } : {}),
      ...(Object.hasOwn(ao, key) ? { after: ao[key] } : {}),
    }));
}
