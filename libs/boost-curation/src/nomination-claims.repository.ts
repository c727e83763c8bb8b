import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { activeClaimant, claimFreeFor, one, rows, type ClaimHolder, type ListQuery } from '../../core/src/index.js';
import { ROW, VIEW_FROM, type NominationRow } from './nominations.repository.js';

type Db = DataSource | EntityManager;

export interface NominationQueueStats {
  pending: number;
  claimedByMe: number;
  claimedByOthers: number;
  decidedToday: number;
  decidedByMeToday: number;
}

export interface NominationClaimState extends ClaimHolder {
  id: string;
}

const and = (where: string, condition: string) => (where ? `${where} AND ${condition}` : `WHERE ${condition}`);

/** Review claims on nominations and the curators' bulk decline: the only place with their SQL. */
@Injectable()
export class NominationClaimsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Status and unexpired claim of these nominations (locked in id order when `lock`: no deadlock between two bulk calls). */
  async holders(db: Db, ids: string[], lock = false): Promise<NominationClaimState[]> {
    if (ids.length === 0) return [];
    return rows<NominationClaimState>(
      db,
      `SELECT n.id, n.status, ${activeClaimant('n')} AS "claimedBy", cl.email AS "claimedByEmail",
              CASE WHEN n.claimed_until > now() THEN n.claimed_until END AS "claimedUntil"
       FROM nominations n LEFT JOIN staff_users cl ON cl.id = ${activeClaimant('n')}
       WHERE n.id = ANY($1::text[]) ORDER BY n.id${lock ? ' FOR UPDATE OF n' : ''}`,
      [ids],
    );
  }

  async claim(db: Db, id: string, actorId: string, seconds: number): Promise<boolean> {
    const row = await one(
      db,
      `UPDATE nominations n SET claimed_by = $2, claimed_until = now() + make_interval(secs => $3)
       WHERE n.id = $1 AND n.status = 'pending' AND ${claimFreeFor('n', '$2')} RETURNING n.id`,
      [id, actorId, seconds],
    );
    return row !== undefined;
  }

  async release(db: Db, id: string, actorId: string): Promise<boolean> {
    const row = await one(
      db,
      `UPDATE nominations SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2 RETURNING id`,
      [id, actorId],
    );
    return row !== undefined;
  }

  /** As for applications: the next free pending nomination after `after` in queue order (oldest first), wrapping round. */
  async claimNext(db: Db, actorId: string, q: ListQuery, after: string | null, seconds: number): Promise<string | undefined> {
    const n = q.params.length;
    const [a, actor, secs] = [`$${n + 1}`, `$${n + 2}`, `$${n + 3}`];
    const row = await one<{ id: string }>(
      db,
      `WITH cursor AS (SELECT nominated_at, id FROM nominations WHERE id = ${a}::text),
       released AS (UPDATE nominations SET claimed_by = NULL, claimed_until = NULL WHERE id = ${a}::text AND claimed_by = ${actor}::uuid RETURNING id),
       pick AS (
         SELECT n.id ${VIEW_FROM}
         ${and(q.where, `n.status = 'pending' AND ${claimFreeFor('n', `${actor}::uuid`)} AND n.id IS DISTINCT FROM ${a}::text`)}
         ORDER BY COALESCE((n.nominated_at, n.id) <= (SELECT nominated_at, id FROM cursor), false), n.nominated_at, n.id
         LIMIT 1 FOR UPDATE OF n SKIP LOCKED
       )
       UPDATE nominations x SET claimed_by = ${actor}::uuid, claimed_until = now() + make_interval(secs => ${secs}::int)
       FROM pick WHERE x.id = pick.id RETURNING x.id`,
      [...q.params, after, actorId, seconds],
    );
    return row?.id;
  }

  /** Declines, in one statement, those of `ids` that are pending and not claimed by someone else. */
  async declineMany(m: EntityManager, ids: string[], actorId: string, reason: string, note: string | null): Promise<NominationRow[]> {
    return rows<NominationRow>(
      m,
      `UPDATE nominations n SET status = 'declined', decline_reason = $3, note = $4, decided_by = $2, decided_at = now(), claimed_by = NULL, claimed_until = NULL
       WHERE n.id = ANY($1::text[]) AND n.status = 'pending' AND ${claimFreeFor('n', '$2')} RETURNING ${ROW}`,
      [ids, actorId, reason, note],
    );
  }

  async stats(actorId: string): Promise<NominationQueueStats> {
    const row = await one<NominationQueueStats>(
      this.dataSource,
      `WITH today AS (SELECT date_trunc('day', now(), 'UTC') AS t)
       SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'pending' AND claimed_until > now() AND claimed_by = $1)::int AS "claimedByMe",
              count(*) FILTER (WHERE status = 'pending' AND claimed_until > now() AND claimed_by <> $1)::int AS "claimedByOthers",
              count(*) FILTER (WHERE decided_at >= (SELECT t FROM today))::int AS "decidedToday",
              count(*) FILTER (WHERE decided_at >= (SELECT t FROM today) AND decided_by = $1)::int AS "decidedByMeToday"
       FROM nominations`,
      [actorId],
    );
    return row!;
  }
}
