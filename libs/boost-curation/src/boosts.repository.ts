import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type ListQuery } from '../../core/src/index.js';
import { boostState } from './sql-fragments.js';

export type BoostState = 'upcoming' | 'active' | 'ended';
export const BOOST_STATES = ['upcoming', 'active', 'ended'] as const;
export const BOOST_SOURCES = ['nomination', 'curator'] as const;

export interface BoostView {
  id: string;
  storyId: string;
  storyTitle: string;
  authorId: string;
  publicationId: string | null;
  publicationName: string | null;
  startsAt: Date;
  /** Exclusive; for a boost ended early, the moment it was ended. */
  endsAt: Date;
  source: 'nomination' | 'curator';
  state: BoostState;
  nominationId: string | null;
  boostedBy: string | null;
  /** Email of the staff member who created the boost (null for boosts from outside the console). */
  boostedByEmail: string | null;
  boostReason: string | null;
  scheduledEndsAt: Date;
  endedEarly: boolean;
  endedAt: Date | null;
  endedBy: string | null;
  endedByEmail: string | null;
  endReason: string | null;
}

/** The window row as stored (for audit before/after). */
export interface BoostRow {
  id: string;
  storyKey: number;
  startsAt: Date;
  endsAt: Date;
  source: string;
  endReason: string | null;
}

const ROW = `id, story_key AS "storyKey", starts_at AS "startsAt", ends_at AS "endsAt", source, end_reason AS "endReason"`;

const VIEW_FROM = `
  FROM boosts b
  LEFT JOIN stories s ON s.key = b.story_key
  LEFT JOIN members a ON a.key = s.author_key
  LEFT JOIN publications p ON p.key = s.publication_key
  LEFT JOIN boost_decisions d ON d.boost_id = b.id
  LEFT JOIN nominations n ON n.boost_id = b.id
  LEFT JOIN staff_users bby ON bby.id = d.boosted_by
  LEFT JOIN staff_users eby ON eby.id = d.ended_by`;

const VIEW_COLUMNS = `b.id, s.id AS "storyId", s.title AS "storyTitle", a.id AS "authorId", p.id AS "publicationId", p.name AS "publicationName",
  b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.source, ${boostState('b')} AS state, n.id AS "nominationId",
  d.boosted_by AS "boostedBy", bby.email AS "boostedByEmail", d.boost_reason AS "boostReason", coalesce(d.scheduled_ends_at, b.ends_at) AS "scheduledEndsAt",
  (d.ended_at IS NOT NULL) AS "endedEarly", d.ended_at AS "endedAt", d.ended_by AS "endedBy", eby.email AS "endedByEmail", b.end_reason AS "endReason"`;

@Injectable()
export class BoostsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListQuery): Promise<(BoostView & { total: number })[]> {
    return rows(
      this.dataSource,
      `SELECT ${VIEW_COLUMNS}, count(*) OVER () AS total ${VIEW_FROM} ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    const r = await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n ${VIEW_FROM} ${q.where}`, q.params);
    return r!.n;
  }

  async findView(id: string, m: DataSource | EntityManager = this.dataSource): Promise<BoostView | undefined> {
    return one(m, `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE b.id = $1`, [id]);
  }

  /** A story's windows, oldest first. */
  async ofStory(storyKey: number): Promise<BoostView[]> {
    return rows(this.dataSource, `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE b.story_key = $1 ORDER BY b.starts_at, b.id`, [storyKey]);
  }

  /** A window from now, `days` × 24 hours long, with the console's record of who created it and why. */
  async create(
    m: EntityManager,
    boost: { id: string; storyKey: number; days: number; source: 'nomination' | 'curator'; boostedBy: string; reason: string | null },
  ): Promise<BoostRow> {
    const row = (await one<BoostRow>(
      m,
      `INSERT INTO boosts (id, story_key, starts_at, ends_at, source)
       VALUES ($1, $2, now(), now() + make_interval(hours => 24 * $3::int), $4) RETURNING ${ROW}`,
      [boost.id, boost.storyKey, boost.days, boost.source],
    ))!;
    await m.query(`INSERT INTO boost_decisions (boost_id, boosted_by, boost_reason, scheduled_ends_at) VALUES ($1, $2, $3, $4)`, [
      boost.id,
      boost.boostedBy,
      boost.reason,
      row.endsAt,
    ]);
    return row;
  }

  /** The window locked for an end, with its state at now. */
  async lockForEnd(m: EntityManager, id: string): Promise<(BoostRow & { state: BoostState }) | undefined> {
    return one(m, `SELECT ${ROW}, ${boostState('boosts')} AS state FROM boosts WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Ends an active window now: the payout run then sees [starts_at, now). */
  async endNow(m: EntityManager, before: BoostRow, actorId: string, reason: string): Promise<BoostRow> {
    const row = (await one<BoostRow>(
      m,
      `UPDATE boosts SET ends_at = greatest(now(), starts_at + interval '1 microsecond'), end_reason = $2 WHERE id = $1 RETURNING ${ROW}`,
      [before.id, reason],
    ))!;
    await m.query(
      `INSERT INTO boost_decisions (boost_id, scheduled_ends_at, ended_by, ended_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (boost_id) DO UPDATE SET ended_by = EXCLUDED.ended_by, ended_at = EXCLUDED.ended_at`,
      [before.id, before.endsAt, actorId],
    );
    return row;
  }
}
