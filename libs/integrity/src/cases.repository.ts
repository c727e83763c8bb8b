import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { activeClaimant, claimFreeFor, one, rows, type ClaimHolder, type ListQuery, type ListSpec } from '../../core/src/index.js';
import { CASE_KINDS, CASE_STATUSES } from './integrity-rules.js';

type Db = DataSource | EntityManager;

export const CASE_LIST: ListSpec = {
  resource: 'integrity-cases',
  key: 'c.id',
  defaultSort: ['score', 'DESC'],
  sort: {
    id: 'c.id',
    score: 'c.score',
    period: 'c.period',
    status: 'c.status',
    memberCount: 'c.member_count',
    sessionCount: 'c.session_count',
    timePoints: 'c.time_points',
    moneyAtStakeMicros: 'c.money_at_stake_micros',
    stakeGainers: 'c.stake_gainers',
    detectedAt: 'c.detected_at',
    decidedAt: 'c.decided_at',
  },
  notNull: ['score', 'period', 'status', 'memberCount', 'sessionCount', 'timePoints', 'detectedAt'],
  filters: {
    id: { column: 'c.id', type: 'uuid' },
    period: { column: 'c.period', type: 'period' },
    status: { column: 'c.status', type: 'text', values: CASE_STATUSES },
    kind: { column: 'c.kind', type: 'text', values: CASE_KINDS },
    authorId: { column: 'au.id', type: 'text' },
    signal: {
      column: `(SELECT string_agg(DISTINCT f.signal, ',') FROM integrity_flags f WHERE f.case_id = c.id)`,
      type: 'text',
      op: 'contains',
    },
    score: { column: 'c.score', type: 'int' },
    claimedBy: { column: activeClaimant('c'), type: 'uuid' },
    claimed: { column: `(${activeClaimant('c')} IS NOT NULL)`, type: 'bool' },
  },
  search: ['au.id', 'au.name', 'c.case_key'],
};

export const CASE_FROM = `integrity_cases c JOIN members au ON au.key = c.author_key LEFT JOIN staff_users cl ON cl.id = ${activeClaimant('c')}`;
export const CASE_COLUMNS = `c.id, c.period, c.case_key AS "caseKey", c.kind, c.status, c.score, au.id AS "authorId", au.name AS "authorName",
  (SELECT array_agg(DISTINCT f.signal ORDER BY f.signal) FROM integrity_flags f WHERE f.case_id = c.id) AS signals,
  c.member_count AS "memberCount", c.session_count AS "sessionCount", c.time_points::text AS "timePoints",
  c.money_at_stake_micros::text AS "moneyAtStakeMicros", c.stake_gainers AS "stakeGainers", c.stake_computed_at AS "stakeComputedAt",
  c.params_version AS "paramsVersion", c.detected_at AS "detectedAt",
  ${activeClaimant('c')} AS "claimedBy", cl.email AS "claimedByEmail", CASE WHEN c.claimed_until > now() THEN c.claimed_until END AS "claimedUntil",
  c.decided_by AS "decidedBy", c.decided_at AS "decidedAt", c.decision_reason AS "decisionReason"`;

export interface CaseRow extends ClaimHolder {
  id: string;
  period: string;
  caseKey: string;
  kind: string;
  score: number;
  authorId: string;
  authorName: string;
  signals: string[];
  memberCount: number;
  sessionCount: number;
  timePoints: string;
  moneyAtStakeMicros: string | null;
  stakeGainers: number | null;
  stakeComputedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

/** The integrity cases, their flags, pairs, history and claims: the only place with their SQL. */
@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(q: ListQuery): Promise<(CaseRow & { total: string })[]> {
    return rows<CaseRow & { total: string }>(
      this.dataSource,
      `SELECT ${CASE_COLUMNS}, count(*) OVER () AS total FROM ${CASE_FROM} ${q.where} ${q.orderBy} LIMIT ${q.limit} OFFSET ${q.offset}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    return (await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM ${CASE_FROM} ${q.where}`, q.params))!.n;
  }

  /** One case; locked (with its claim) when `lock`. */
  get(db: Db, id: string, lock = false): Promise<CaseRow | undefined> {
    return one<CaseRow>(db, `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
  }

  flags(id: string) {
    return rows(this.dataSource, `SELECT id::text, signal, score, evidence FROM integrity_flags WHERE case_id = $1 ORDER BY signal, id`, [
      id,
    ]);
  }

  /** The (member, story) pairs with external ids (first `limit`, most sessions first) and the author key of each story. */
  pairs(db: Db, id: string, limit?: number) {
    return rows<{ memberKey: number; storyKey: number; memberId: string; storyId: string; sessions: number; timePoints: string }>(
      db,
      `SELECT p.member_key AS "memberKey", p.story_key AS "storyKey", m.id AS "memberId", s.id AS "storyId", p.sessions, p.time_points::text AS "timePoints"
       FROM integrity_case_pairs p JOIN members m ON m.key = p.member_key JOIN stories s ON s.key = p.story_key
       WHERE p.case_id = $1 ORDER BY p.sessions DESC, m.id, s.id${limit ? ` LIMIT ${Number(limit)}` : ''}`,
      [id],
    );
  }

  history(db: Db, id: string) {
    return rows(
      db,
      `SELECT e.id::text, e.at, e.kind, e.body, e.data, e.actor_id AS "actorId", s.email AS "actorEmail"
       FROM integrity_case_events e LEFT JOIN staff_users s ON s.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.at, e.id`,
      [id],
    );
  }

  async event(m: EntityManager, id: string, actorId: string | null, kind: string, body: string | null, data: unknown): Promise<void> {
    await m.query(`INSERT INTO integrity_case_events (case_id, actor_id, kind, body, data) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      actorId,
      kind,
      body,
      data === null ? null : JSON.stringify(data),
    ]);
  }

  async claim(m: EntityManager, id: string, actorId: string, seconds: number): Promise<boolean> {
    const row = await one(
      m,
      `UPDATE integrity_cases c SET claimed_by = $2, claimed_until = now() + make_interval(secs => $3)
       WHERE c.id = $1 AND c.status = 'open' AND ${claimFreeFor('c', '$2')} RETURNING c.id`,
      [id, actorId, seconds],
    );
    return row !== undefined;
  }

  async release(m: EntityManager, id: string, actorId: string): Promise<boolean> {
    const row = await one(
      m,
      `UPDATE integrity_cases SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2 RETURNING id`,
      [id, actorId],
    );
    return row !== undefined;
  }

  async decide(m: EntityManager, id: string, status: string, actorId: string, reason: string | null): Promise<void> {
    await m.query(
      `UPDATE integrity_cases SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, claimed_by = NULL, claimed_until = NULL WHERE id = $1`,
      [id, status, actorId, reason],
    );
  }

  async reopen(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE integrity_cases SET status = 'open', decided_by = NULL, decided_at = NULL, decision_reason = NULL WHERE id = $1`,
      [id],
    );
  }

  /** Whether the period's run is approved or paid (decisions are final then). */
  /** The period's runs (the final-run rule reads their statuses). */
  periodRuns(m: EntityManager, period: string): Promise<{ period: string; status: string }[]> {
    return rows(m, `SELECT period, status FROM payout_runs WHERE period = $1`, [period]);
  }

  /** Who a hold or suspension applies to: the author of an author case, every writer of a ring. */
  subjects(m: EntityManager, id: string, kind: string) {
    return rows<{ key: number; id: string }>(
      m,
      kind === 'ring'
        ? `SELECT DISTINCT mb.key, mb.id FROM integrity_case_pairs p JOIN members mb ON mb.key = p.member_key WHERE p.case_id = $1 ORDER BY mb.id`
        : `SELECT mb.key, mb.id FROM integrity_cases c JOIN members mb ON mb.key = c.author_key WHERE c.id = $1`,
      [id],
    );
  }

  /** The period's open cases whose money at stake is at least `cents`, or not computed yet (approval warnings). */
  async openAtStake(db: Db, period: string, cents: number) {
    return (await one<{ cases: number; notComputed: number; atStakeMicros: string; ids: string[] }>(
      db,
      `SELECT count(*)::int AS cases, count(*) FILTER (WHERE money_at_stake_micros IS NULL)::int AS "notComputed",
              coalesce(sum(money_at_stake_micros), 0)::text AS "atStakeMicros",
              coalesce((array_agg(id::text ORDER BY score DESC, id))[1:20], '{}') AS ids
       FROM integrity_cases
       WHERE period = $1 AND status = 'open' AND (money_at_stake_micros IS NULL OR money_at_stake_micros >= $2::bigint * 10000)`,
      [period, cents],
    ))!;
  }
}
