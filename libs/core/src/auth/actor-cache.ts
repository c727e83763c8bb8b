import type { Actor } from './access.decorators.js';

/** How long the account behind a session is reused without reading it again (the auth version is still read every request). */
export const ACTOR_CACHE_TTL_MS = 1_000;
/** Sessions kept at most (the oldest goes first): staff sessions are few, this only bounds memory. */
const ACTOR_CACHE_SIZE = 1_000;

/**
 * The accounts behind recently checked sessions, each with the staff auth version it was read
 * at: an entry serves only while the version is unchanged and for ACTOR_CACHE_TTL_MS, so any
 * committed change to an account or session (logout, disable, role change, step-up) misses it.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; version: string; at: number }>();

  get(key: string, version: string): Actor | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.version !== version || performance.now() - hit.at > ACTOR_CACHE_TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return { ...hit.actor, roles: [...hit.actor.roles] };
  }

  set(key: string, version: string, actor: Actor): void {
    this.entries.delete(key);
    if (this.entries.size >= ACTOR_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { actor: { ...actor, roles: [...actor.roles] }, version, at: performance.now() });
  }
}
