import { API, httpClient } from '../http';

/** The queue resources: applications (reviewers) and nominations (curators). */
export type QueueResource = 'applications' | 'nominations';

export type QueueStats = Record<string, number>;

const post = async <T>(path: string, body: unknown = {}): Promise<T> =>
  (await httpClient(`${API}/${path}`, { method: 'POST', body: JSON.stringify(body) })).json as T;

/** The queue endpoints of the API (claims, next item, counts, bulk decisions). */
export const queueApi = {
  claim: <T>(resource: QueueResource, id: string) => post<T>(`${resource}/${encodeURIComponent(id)}/claim`),
  release: <T>(resource: QueueResource, id: string) => post<T>(`${resource}/${encodeURIComponent(id)}/release`),
  /** Claims the next free pending item after `after` (queue order); null when the queue is empty. */
  claimNext: async <T>(resource: QueueResource, filter: Record<string, unknown>, after?: string) =>
    (await post<{ next: T | null }>(`${resource}/claim-next`, { filter, after })).next,
  stats: async (resource: QueueResource) => (await httpClient(`${API}/${resource}/queue-stats`)).json as QueueStats,
  post,
};

/** A 409 for a claim someone else holds: who, until when. */
export function claimConflict(e: unknown): { email: string | null; until: string | null } | null {
  const err = e as {
    status?: number;
    body?: { details?: { reason?: string; claimedByEmail?: string | null; claimedUntil?: string | null } };
  };
  if (err?.status !== 409 || err.body?.details?.reason !== 'claimed') return null;
  return { email: err.body.details.claimedByEmail ?? null, until: err.body.details.claimedUntil ?? null };
}

/** The filter of a queue's list as last used (react-admin's store), minus the status: "next" takes pending items only. */
export function queueFilterOf(listParams: { filter?: Record<string, unknown> } | undefined): Record<string, unknown> {
  const { status: _status, ...rest } = listParams?.filter ?? {};
  return rest;
}
