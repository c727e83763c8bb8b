import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNotify, useStore } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../components/actions';
import type { Claim } from '../api';
import { claimConflict, queueApi, queueFilterOf, type QueueResource } from './api';

/** How often the counts refresh while a queue is on screen (and after every decision). */
const STATS_EVERY_MS = 10_000;
/** A claim lasts 10 minutes on the server; the open item renews it well before. */
const RENEW_EVERY_MS = 4 * 60_000;

/** The queue's live counts. */
export function useQueueStats(resource: QueueResource) {
  return useQuery({ queryKey: ['queue-stats', resource], queryFn: () => queueApi.stats(resource), refetchInterval: STATS_EVERY_MS });
}

export function useRefreshStats(resource: QueueResource) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['queue-stats', resource] });
}

export type ClaimState =
  | { kind: 'claiming' }
  | { kind: 'mine'; until: string | null }
  | { kind: 'theirs'; email: string | null; until: string | null }
  | { kind: 'none' };

/**
 * Claims the open item while it is pending (renewing the claim), and releases it when the
 * reviewer leaves without deciding. Someone else's claim: `theirs`, decisions stay disabled.
 */
export function useClaim(resource: QueueResource, id: string | undefined, pending: boolean): ClaimState {
  const [state, setState] = useState<ClaimState>({ kind: 'claiming' });
  const refreshStats = useRefreshStats(resource);
  const held = useRef(false);
  useEffect(() => {
    if (!id || !pending) {
      setState({ kind: 'none' });
      return;
    }
    let live = true;
    const take = () =>
      queueApi.claim<Claim>(resource, id).then(
        (r) => {
          held.current = true;
          if (live) setState({ kind: 'mine', until: r.claimedUntil });
          refreshStats();
        },
        (e) => {
          held.current = false;
          const other = claimConflict(e);
          if (live) setState(other ? { kind: 'theirs', ...other } : { kind: 'none' });
        },
      );
    setState({ kind: 'claiming' });
    void take();
    const timer = setInterval(() => void take(), RENEW_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
      // Left without deciding: others may take it (a decided item has no claim left to release).
      if (held.current)
        void queueApi
          .release(resource, id)
          .catch(() => undefined)
          .then(refreshStats);
      held.current = false;
    };
    // Re-claim only when the record or the queue changes, not when the mutation's identity does.
  }, [resource, id, pending]);
  return state;
}

/**
 * Moving through a queue from an open item: the next free item after it (claimed at once,
 * so two reviewers never get the same one), or back to the list when none is left.
 */
export function useQueueNavigation(resource: QueueResource) {
  const navigate = useNavigate();
  const notify = useNotify();
  const [listParams] = useStore<{ filter?: Record<string, unknown> }>(`${resource}.listParams`);
  const refreshStats = useRefreshStats(resource);
  const open = (id: string) => navigate(`/${resource}/${encodeURIComponent(id)}/show`);
  return {
    open,
    backToQueue: () => navigate(`/${resource}`),
    async next(after?: string) {
      try {
        const next = await queueApi.claimNext<{ id: string }>(resource, queueFilterOf(listParams), after);
        refreshStats();
        if (next) open(next.id);
        else {
          notify('Nothing left to review in this queue', { type: 'info' });
          navigate(`/${resource}`);
        }
      } catch (e) {
        notify(errorMessage(e), { type: 'error' });
      }
    },
  };
}
