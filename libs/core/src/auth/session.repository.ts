import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../database/sql.js';
import type { Actor } from './access.decorators.js';
import { ActorCache } from './actor-cache.js';

/** How stale a session's last-seen mark may get before a request writes it again. */
const LAST_SEEN_GRANULARITY_SECONDS = 30;

/** The staff_sessions rows: opened at sign-in, checked on every request, revoked by logout and account changes. */
@Injectable()
export class SessionRepository {
  private readonly actors = new ActorCache();

  constructor(private readonly dataSource: DataSource) {}

  /** `secondFactor`: the sign-in included a code, which counts as a confirmation (step-up). */
  async open(userId: string, ttlSeconds: number, secondFactor: boolean): Promise<{ id: string; expiresAt: Date }> {
    return (await one<{ id: string; expiresAt: Date }>(
      this.dataSource,
      `INSERT INTO staff_sessions (user_id, expires_at, second_factor_at)
       VALUES ($1, now() + make_interval(secs => $2), CASE WHEN $3 THEN now() END) RETURNING id, expires_at AS "expiresAt"`,
      [userId, ttlSeconds, secondFactor],
    ))!;
  }

  /**
   * The account behind a live session, as `touch` gives it, reused for up to a second while the
   * staff auth version (one row, moved by every committed account or session change) stands
   * still: a request then costs one tiny read, and a revocation still refuses the next request.
   * A reused answer may be up to that second late on the session's time limits (idle, absolute,
   * step-up), never on a change someone made.
   */
  async live(sessionId: string, userId: string, idleSeconds: number, stepUpSeconds: number): Promise<Actor | null> {
    const key = `${sessionId}:${userId}`;
    const [{ version }] = await rows<{ version: string }>(this.dataSource, `SELECT version::text AS version FROM staff_auth_version`);
    const hit = this.actors.get(key, version);
    if (hit) return hit;
    const found = await this.touch(sessionId, userId, idleSeconds, stepUpSeconds);
    if (!found) return null;
    const { version: readAt, ...actor } = found;
    this.actors.set(key, readAt, actor);
    return actor;
  }

  /**
   * The account behind a live session, in one query by primary key: the session neither
   * revoked, nor past its absolute expiry, nor idle too long, and the account active. Marks it
   * used, but writes only when the last mark is older than LAST_SEEN_GRANULARITY_SECONDS: most
   * requests then read without a row lock, WAL or a dead tuple, and the idle limit (minutes)
   * moves by at most those seconds.
   */
  private async touch(
    sessionId: string,
    userId: string,
    idleSeconds: number,
    stepUpSeconds: number,
  ): Promise<(Actor & { version: string }) | null> {
    const row = await one<Actor & { version: string }>(
      this.dataSource,
      `WITH live AS (
         SELECT u.id, u.email, u.name, u.roles, s.id AS "sessionId", u.totp_enabled_at IS NOT NULL AS "enrolled",
           coalesce(s.second_factor_at > now() - make_interval(secs => $4), false) AS "steppedUp",
           s.last_seen_at < now() - make_interval(secs => $5) AS stale,
           (SELECT version::text FROM staff_auth_version) AS version
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.user_id = $2 AND NOT u.disabled AND s.revoked_at IS NULL
           AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $3)
       ), mark AS (
         UPDATE staff_sessions SET last_seen_at = now() WHERE id = $1 AND EXISTS (SELECT 1 FROM live WHERE stale)
       )
       SELECT id, email, name, roles, "sessionId", enrolled, "steppedUp", version FROM live`,
      [sessionId, userId, idleSeconds, stepUpSeconds, Math.min(LAST_SEEN_GRANULARITY_SECONDS, Math.floor(idleSeconds / 10))],
    );
    return row ?? null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE staff_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Ends every session of an account (inside the transaction that changes the account). */
  async revokeAll(m: EntityManager, userId: string): Promise<number> {
    return (await rows(m, `UPDATE staff_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [userId]))
      .length;
  }
}
