import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { activeClaimant, claimFreeFor, one, type ClaimHolder, type ListQuery } from '../../core/src/index.js';
import { FROM, whereOf } from './applications.repository.js';

type Db = DataSource | EntityManager;

export interface ApplicationQueueStats {
  pending: number;
  eligible: number;
  failing: number;
  claimedByMe: number;
  claimedByOthers: number;
  decidedToday: number;
  decidedByMeToday: number;
}

const and = (where: string, condition: string) => (where ? `${where} AND ${condition}` : `WHERE ${condition}`);

/** Review claims on applications: the only place with their SQL. */
@Injectable()
export class ApplicationClaimsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The application's status and unexpired claim; `lock` holds its row until the transaction ends. */
  async holder(db: Db, id: string, lock = false): Promise<ClaimHolder | undefined> {
    return one<ClaimHolder>(
      db,
      `SELECT a.status, ${activeClaimant('a')} AS "claimedBy", cl.email AS "claimedByEmail",
              CASE WHEN a.claimed_until > now() THEN a.claimed_until END AS "claimedUntil"
       FROM applications a LEFT JOIN staff_users cl ON cl.id = ${activeClaimant('a')}
       WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
  }

  /** Takes (or renews) the claim, atomically; false when the application is not pending or someone else holds it. */
  async claim(db: Db, id: string, actorId: string, seconds: number): Promise<boolean> {
    const row = await one(
      db,
      `UPDATE applications a SET claimed_by = $2, claimed_until = now() + make_interval(secs => $3)
       WHERE a.id = $1 AND a.status = 'pending' AND ${claimFreeFor('a', '$2')} RETURNING a.id`,
      [id, actorId, seconds],
    );
    return row !== undefined;
  }

  /** Ends the actor's own claim; false when they held none. */
  async release(db: Db, id: string, actorId: string): Promise<boolean> {
    const row = await one(
      db,
      `UPDATE applications SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2 RETURNING id`,
      [id, actorId],
    );
    return row !== undefined;
  }

  /**
   * Claims the next pending application nobody else is working, in queue order (oldest
   * first) after `after` (wrapping round to the start), among those the list filter matches;
   * the actor's claim on `after` ends (they move on). Rows another transaction holds are
   * skipped, so two reviewers asking at once get different applications.
   */
  async claimNext(db: Db, actorId: string, q: ListQuery, after: string | null, seconds: number): Promise<string | undefined> {
    const n = q.params.length;
    const [a, actor, secs] = [`$${n + 1}`, `$${n + 2}`, `$${n + 3}`];
    const row = await one<{ id: string }>(
      db,
      `WITH cursor AS (SELECT submitted_at, id FROM applications WHERE id = ${a}::text),
       released AS (UPDATE applications SET claimed_by = NULL, claimed_until = NULL WHERE id = ${a}::text AND claimed_by = ${actor}::uuid RETURNING id),
       pick AS (
         SELECT a.id ${FROM}
         ${and(whereOf(q), `a.status = 'pending' AND ${claimFreeFor('a', `${actor}::uuid`)} AND a.id IS DISTINCT FROM ${a}::text`)}
         ORDER BY COALESCE((a.submitted_at, a.id) <= (SELECT submitted_at, id FROM cursor), false), a.submitted_at, a.id
         LIMIT 1 FOR UPDATE OF a SKIP LOCKED
       )
       UPDATE applications x SET claimed_by = ${actor}::uuid, claimed_until = now() + make_interval(secs => ${secs}::int)
       FROM pick WHERE x.id = pick.id RETURNING x.id`,
      [...q.params, after, actorId, seconds],
    );
    return row?.id;
  }

  async stats(actorId: string): Promise<ApplicationQueueStats> {
    const row = await one<ApplicationQueueStats>(
      this.dataSource,
      `WITH today AS (SELECT date_trunc('day', now(), 'UTC') AS t)
       SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'pending' AND failing_checks = '{}')::int AS eligible,
              count(*) FILTER (WHERE status = 'pending' AND failing_checks <> '{}')::int AS failing,
              count(*) FILTER (WHERE status = 'pending' AND claimed_until > now() AND claimed_by = $1)::int AS "claimedByMe",
              count(*) FILTER (WHERE status = 'pending' AND claimed_until > now() AND claimed_by <> $1)::int AS "claimedByOthers",
              count(*) FILTER (WHERE decided_at >= (SELECT t FROM today))::int AS "decidedToday",
              count(*) FILTER (WHERE decided_at >= (SELECT t FROM today) AND decided_by = $1)::int AS "decidedByMeToday"
       FROM applications`,
      [actorId],
    );
    return row!;
  }
}
