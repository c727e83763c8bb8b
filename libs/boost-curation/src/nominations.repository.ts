import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { activeClaimant, claimFreeFor, one, rows, type ClaimView, type ListQuery } from '../../core/src/index.js';
import { monthlyWindowStartSql, WEEKLY_WINDOW_SQL, type RuleInput, type Verdict } from './nomination-rules.js';
import { ageDays, epochMicros, isPartnerNow, publishedWithinSixMonths } from './sql-fragments.js';

export interface NominationView extends ClaimView {
  id: string;
  status: string;
  nominatedAt: Date;
  evaluatedAt: Date | null;
  refusalReason: string | null;
  declineReason: string | null;
  note: string | null;
  decidedBy: string | null;
  /** The deciding staff member's email (null when undecided or the account is gone). */
  decidedByEmail: string | null;
  decidedAt: Date | null;
  boostId: string | null;
  storyId: string;
  storyTitle: string;
  storyStatus: string;
  storyPublishedAt: Date | null;
  storyAgeDays: number | null;
  storyPublicationId: string | null;
  authorId: string;
  authorName: string;
  authorIsPartner: boolean;
  nominatorId: string;
  nominatorName: string;
  publicationId: string;
  publicationName: string;
  /** Sessions of the story so far, by anyone but its author (earnings.md step 3, not limited to a period). */
  views: number;
  reads: number;
  readRatioBps: number;
}

export interface VerdictState {
  status: string;
  refusalReason: string | null;
}

/** The nomination row as the rules and decisions see it (for audit before/after). */
export interface NominationRow {
  id: string;
  storyKey: number;
  status: string;
  refusalReason: string | null;
  declineReason: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  boostId: string | null;
}

export const ROW = `id, story_key AS "storyKey", status, refusal_reason AS "refusalReason", decline_reason AS "declineReason", note,
  decided_by AS "decidedBy", decided_at AS "decidedAt", boost_id AS "boostId"`;

export const VIEW_FROM = `
  FROM nominations n
  LEFT JOIN stories s ON s.key = n.story_key
  LEFT JOIN members a ON a.key = s.author_key
  LEFT JOIN publications sp ON sp.key = s.publication_key
  LEFT JOIN members nm ON nm.key = n.nominator_key
  LEFT JOIN publications p ON p.key = n.publication_key
  LEFT JOIN staff_users dby ON dby.id = n.decided_by
  LEFT JOIN staff_users cl ON cl.id = ${activeClaimant('n')}`;

const VIEW_COLUMNS = `n.id, n.status, n.nominated_at AS "nominatedAt", n.evaluated_at AS "evaluatedAt",
  n.refusal_reason AS "refusalReason", n.decline_reason AS "declineReason", n.note,
  n.decided_by AS "decidedBy", dby.email AS "decidedByEmail", n.decided_at AS "decidedAt", n.boost_id AS "boostId",
  s.id AS "storyId", s.title AS "storyTitle", s.status AS "storyStatus", s.published_at AS "storyPublishedAt",
  ${ageDays('s.published_at')} AS "storyAgeDays", sp.id AS "storyPublicationId",
  a.id AS "authorId", a.name AS "authorName", ${isPartnerNow('s.author_key')} AS "authorIsPartner",
  nm.id AS "nominatorId", nm.name AS "nominatorName", p.id AS "publicationId", p.name AS "publicationName",
  ${activeClaimant('n')} AS "claimedBy", cl.email AS "claimedByEmail", CASE WHEN n.claimed_until > now() THEN n.claimed_until END AS "claimedUntil",
  n.story_key AS "storyKey"`;

export interface NominatorView {
  id: string;
  name: string;
  username: string;
  nominationsThisMonth: number;
  nominationsLast7Days: number;
  totalNominations: number;
  pending: number;
  boosted: number;
  declined: number;
  refused: number;
  approvalRateBps: number | null;
  goodStanding: boolean;
  lastNominatedAt: Date;
}

const LIMIT_REASONS = `('nominator_weekly_limit','nominator_monthly_limit')`;

/** Per-nominator statistics; lists filter and sort on it as the subquery x. */
const NOMINATORS = `
    SELECT m.id, m.name, m.username,
      count(*) FILTER (WHERE counts AND n.nominated_at >= ${monthlyWindowStartSql('now()')})::int AS "nominationsThisMonth",
      count(*) FILTER (WHERE counts AND n.nominated_at >= now() - ${WEEKLY_WINDOW_SQL})::int AS "nominationsLast7Days",
      count(*)::int AS "totalNominations",
      count(*) FILTER (WHERE n.status = 'pending')::int AS pending,
      count(*) FILTER (WHERE n.status = 'boosted')::int AS boosted,
      count(*) FILTER (WHERE n.status = 'declined')::int AS declined,
      count(*) FILTER (WHERE n.status = 'refused')::int AS refused,
      (10000 * count(*) FILTER (WHERE n.status = 'boosted') / nullif(count(*) FILTER (WHERE n.status IN ('boosted','declined')), 0))::int
        AS "approvalRateBps",
      (count(*) FILTER (WHERE counts AND n.nominated_at >= ${monthlyWindowStartSql('now()')}) >= 1
        AND 5 * count(*) FILTER (WHERE n.status = 'boosted') > count(*) FILTER (WHERE n.status IN ('boosted','declined'))) AS "goodStanding",
      max(n.nominated_at) AS "lastNominatedAt"
    FROM (SELECT *, (refusal_reason IS NULL OR refusal_reason NOT IN ${LIMIT_REASONS}) AS counts FROM nominations) n
    JOIN members m ON m.key = n.nominator_key
    GROUP BY m.key`;

@Injectable()
export class NominationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serializes the nomination rules (intake evaluation, curator boosts of a story) for the transaction. */
  async lockRules(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('boost-curation:nomination-rules'))`);
  }

  /**
   * What the rules need for a batch, in one statement: the undecided nominations among `ids`
   * with their story facts, merged with the nominators' earlier nominations that count toward
   * the limits, in (nominated_at, id) order.
   */
  async ruleInputs(m: EntityManager, ids: string[]): Promise<RuleInput[]> {
    const result = await rows<Record<string, unknown>>(
      m,
      `WITH cand AS (
         SELECT id, story_key, nominator_key, publication_key, nominated_at FROM nominations
         WHERE id = ANY($1::text[]) AND status IN ('pending','refused')
       ), bounds AS (
         SELECT least(min(nominated_at) - ${WEEKLY_WINDOW_SQL}, ${monthlyWindowStartSql('min(nominated_at)')}) AS lo, max(nominated_at) AS hi FROM cand
       )
       SELECT * FROM (
       SELECT 'candidate' AS kind, c.id, c.nominator_key, c.story_key, c.nominated_at,
              ${epochMicros('c.nominated_at')} AS at_micros,
              ${epochMicros(monthlyWindowStartSql('c.nominated_at'))} AS month_micros,
              s.key IS NOT NULL AS story_exists,
              coalesce(s.status = 'published' AND s.published_at IS NOT NULL, false) AS story_published,
              ${publishedWithinSixMonths('s.published_at', 'c.nominated_at')} AS story_recent,
              coalesce(s.publication_key = c.publication_key, false) AS same_publication,
              coalesce(s.ai_disclosed, false) AS ai_disclosed,
              (EXISTS (SELECT 1 FROM boosts b WHERE b.story_key = c.story_key)
                OR EXISTS (SELECT 1 FROM nominations o WHERE o.story_key = c.story_key AND o.status = 'boosted'
                           AND o.id NOT IN (SELECT id FROM cand))) AS story_boosted,
              EXISTS (SELECT 1 FROM nominations o WHERE o.story_key = c.story_key AND o.status IN ('pending','declined')
                      AND o.id NOT IN (SELECT id FROM cand)) AS story_nominated
       FROM cand c LEFT JOIN stories s ON s.key = c.story_key
       UNION ALL
       SELECT 'counted', o.id, o.nominator_key, o.story_key, o.nominated_at, ${epochMicros('o.nominated_at')}, NULL,
              NULL, NULL, NULL, NULL, NULL, NULL, NULL
       FROM nominations o, bounds
       WHERE o.nominator_key IN (SELECT nominator_key FROM cand) AND o.id NOT IN (SELECT id FROM cand)
         AND (o.refusal_reason IS NULL OR o.refusal_reason NOT IN ${LIMIT_REASONS})
         AND o.nominated_at >= bounds.lo AND o.nominated_at <= bounds.hi
       ) u ORDER BY u.nominated_at, u.id COLLATE "C"`,
      [ids],
    );
    return result.map((r) =>
      r.kind === 'counted'
        ? { kind: 'counted', nominatorKey: Number(r.nominator_key), atMicros: BigInt(r.at_micros as string) }
        : {
            kind: 'candidate',
            id: r.id as string,
            nominatorKey: Number(r.nominator_key),
            storyKey: Number(r.story_key),
            atMicros: BigInt(r.at_micros as string),
            monthStartMicros: BigInt(r.month_micros as string),
            storyExists: r.story_exists as boolean,
            storyPublished: r.story_published as boolean,
            storyRecent: r.story_recent as boolean,
            samePublication: r.same_publication as boolean,
            aiDisclosed: r.ai_disclosed as boolean,
            storyBoosted: r.story_boosted as boolean,
            storyNominated: r.story_nominated as boolean,
          },
    );
  }

  /** Writes the verdicts of a batch in one statement; returns each nomination's state before and after. */
  async applyVerdicts(m: EntityManager, verdicts: Verdict[]): Promise<{ id: string; before: VerdictState; after: VerdictState }[]> {
    if (verdicts.length === 0) return [];
    return rows(
      m,
      `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(id text, status text, refusal_reason text)),
       old AS (SELECT n.id, n.status, n.refusal_reason FROM nominations n JOIN v ON v.id = n.id)
       UPDATE nominations n SET status = v.status, refusal_reason = v.refusal_reason, evaluated_at = now()
       FROM v, old WHERE n.id = v.id AND old.id = v.id
       RETURNING n.id, jsonb_build_object('status', old.status, 'refusalReason', old.refusal_reason) AS before,
                 jsonb_build_object('status', n.status, 'refusalReason', n.refusal_reason) AS after`,
      [JSON.stringify(verdicts.map((v) => ({ id: v.id, status: v.status, refusal_reason: v.refusalReason })))],
    );
  }

  async list(q: ListQuery): Promise<(NominationView & { total: number; storyKey?: number })[]> {
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

  async findView(
    id: string,
    m: DataSource | EntityManager = this.dataSource,
  ): Promise<(NominationView & { storyKey?: number }) | undefined> {
    return one(m, `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE n.id = $1`, [id]);
  }

  /** A story's nominations, oldest first (without read statistics). */
  async ofStory(storyKey: number): Promise<Omit<NominationView, 'views' | 'reads' | 'readRatioBps'>[]> {
    const result = await rows<NominationView & { storyKey?: number }>(
      this.dataSource,
      `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE n.story_key = $1 ORDER BY n.nominated_at, n.id`,
      [storyKey],
    );
    return result.map(({ storyKey: _k, ...rest }) => rest);
  }

  /** Views and reads so far of these stories, by anyone but the author (reads: at least 30 active seconds). */
  async readStats(
    storyKeys: number[],
    m: DataSource | EntityManager = this.dataSource,
  ): Promise<Map<number, { views: number; reads: number }>> {
    const stats = new Map<number, { views: number; reads: number }>();
    if (storyKeys.length === 0) return stats;
    const result = await rows<{ story_key: number; views: number; reads: number }>(
      m,
      `SELECT se.story_key, count(*)::int AS views, count(*) FILTER (WHERE se.active_seconds >= 30)::int AS reads
       FROM sessions se JOIN stories s ON s.key = se.story_key
       WHERE se.story_key = ANY($1::int[]) AND se.reader_key IS DISTINCT FROM s.author_key
       GROUP BY se.story_key`,
      [storyKeys],
    );
    for (const r of result) stats.set(Number(r.story_key), { views: r.views, reads: r.reads });
    return stats;
  }

  async findRow(m: EntityManager, id: string): Promise<NominationRow | undefined> {
    return one(m, `SELECT ${ROW} FROM nominations WHERE id = $1`, [id]);
  }

  /** The decision itself: only a pending nomination can be decided (the loser of a race gets no row). */
  async markBoosted(
    m: EntityManager,
    id: string,
    actorId: string,
    boostId: string,
    note: string | null,
  ): Promise<NominationRow | undefined> {
    return one(
      m,
      `UPDATE nominations SET status = 'boosted', boost_id = $3, decided_by = $2, decided_at = now(), note = $4, claimed_by = NULL, claimed_until = NULL
       WHERE id = $1 AND status = 'pending' AND ${claimFreeFor('nominations', '$2')} RETURNING ${ROW}`,
      [id, actorId, boostId, note],
    );
  }

  async markDeclined(
    m: EntityManager,
    id: string,
    actorId: string,
    reason: string,
    note: string | null,
  ): Promise<NominationRow | undefined> {
    return one(
      m,
      `UPDATE nominations SET status = 'declined', decline_reason = $3, note = $4, decided_by = $2, decided_at = now(), claimed_by = NULL, claimed_until = NULL
       WHERE id = $1 AND status = 'pending' AND ${claimFreeFor('nominations', '$2')} RETURNING ${ROW}`,
      [id, actorId, reason, note],
    );
  }

  async listNominators(q: ListQuery): Promise<(NominatorView & { total: number })[]> {
    return rows(
      this.dataSource,
      `SELECT x.*, count(*) OVER () AS total FROM (${NOMINATORS}) x ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async countNominators(q: ListQuery): Promise<number> {
    const r = await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM (${NOMINATORS}) x ${q.where}`, q.params);
    return r!.n;
  }

  async findNominator(id: string): Promise<NominatorView | undefined> {
    return one(this.dataSource, `SELECT x.* FROM (${NOMINATORS}) x WHERE x.id = $1`, [id]);
  }
}
