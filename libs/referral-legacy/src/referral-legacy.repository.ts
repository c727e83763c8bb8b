import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type ListQuery, type ListSpec } from '../../core/src/index.js';
import { CREDIT_KINDS } from './referral-credit.entity.js';

type Db = DataSource | EntityManager;

/** Row counts and sums are read from pg as strings (bigint/numeric); the service converts them. */
export interface InsertedRows {
  n: number;
  sum: string;
}

/* ------------------------------------------------------------------ honoring a period */

/**
 * One set-based statement: every (honored referral, paid charge of the referred member
 * covering P) gets its step 8 credit for P, unless it already has one. Month k of the
 * charge is `P − coversFrom` in months; cents are integer arithmetic on bigint.
 * Ordered so that concurrent runs lock index entries in the same order (no deadlocks).
 */
const INSERT_CREDITS = `
  WITH due AS (
    SELECT r.id AS referral_id, c.id AS charge_id, r.referrer_key, c.plan,
           (c.net_cents * $3::bigint) / 10000 AS total,
           $2::int - (extract(year FROM c.covers_from)::int * 12 + extract(month FROM c.covers_from)::int - 1) AS k
    FROM referrals r
    JOIN charges c ON c.member_key = r.referred_member_key
    WHERE r.referred_at < $4::timestamptz
      AND c.status = 'paid'
      AND c.covers_from < $5::date + interval '1 month'
      AND c.covers_from >= $5::date - interval '11 months'
  ), amounts AS (
    SELECT referral_id, charge_id, referrer_key,
           CASE WHEN plan = 'monthly' THEN total
                ELSE total / 12 + CASE WHEN k < total % 12 THEN 1 ELSE 0 END END AS cents
    FROM due
    WHERE (plan = 'monthly' AND k = 0) OR (plan = 'annual' AND k BETWEEN 0 AND 11)
  ), inserted AS (
    INSERT INTO referral_credits (referral_id, charge_id, period, referrer_key, amount_micros, kind)
    SELECT referral_id, charge_id, $1, referrer_key, cents * 10000, 'credit'
    FROM amounts
    WHERE cents > 0
    ORDER BY referral_id, charge_id
    ON CONFLICT DO NOTHING
    RETURNING amount_micros
  )
  SELECT count(*)::int AS n, COALESCE(sum(amount_micros), 0)::text AS sum FROM inserted`;

/**
 * Reversals written in P: each credit of an earlier period whose charge is now refunded
 * and that no run has reversed yet gets one row in P with the negated amount
 * (`reverses_period` = the credited period). Credits of P itself (or later) wait for a
 * later period's run: history is never edited, P's own credits stay as they were paid.
 */
const INSERT_REVERSALS = `
  WITH inserted AS (
    INSERT INTO referral_credits (referral_id, charge_id, period, referrer_key, amount_micros, kind, reverses_period)
    SELECT cr.referral_id, cr.charge_id, $1, cr.referrer_key, -cr.amount_micros, 'reversal', cr.period
    FROM referral_credits cr
    JOIN charges c ON c.id = cr.charge_id
    WHERE cr.kind = 'credit' AND cr.period < $1 AND c.status = 'refunded'
      AND NOT EXISTS (
        SELECT 1 FROM referral_credits rv
        WHERE rv.kind = 'reversal' AND rv.referral_id = cr.referral_id AND rv.charge_id = cr.charge_id
          AND rv.reverses_period = cr.period)
    ORDER BY cr.referral_id, cr.charge_id, cr.period
    ON CONFLICT DO NOTHING
    RETURNING amount_micros
  )
  SELECT count(*)::int AS n, COALESCE(sum(amount_micros), 0)::text AS sum FROM inserted`;

/* ------------------------------------------------------------------ staff views */

/** The referred member's current membership's plan, else their last one's. */
const CURRENT_OR_LAST_PLAN = `(
  SELECT ms.plan FROM memberships ms
  WHERE ms.member_key = r.referred_member_key
  ORDER BY (ms.started_at <= now() AND (ms.ended_at IS NULL OR ms.ended_at > now())) DESC, ms.started_at DESC, ms.id DESC
  LIMIT 1)`;

/** Still paying: a paid charge covers the current (UTC) month, or a membership is open now. */
const STILL_PAYING = `(
  EXISTS (SELECT 1 FROM charges c
          WHERE c.member_key = r.referred_member_key AND c.status = 'paid'
            AND c.covers_from <= date_trunc('month', now() AT TIME ZONE 'UTC')::date
            AND c.covers_from > date_trunc('month', now() AT TIME ZONE 'UTC')::date
                                - CASE WHEN c.plan = 'annual' THEN interval '12 months' ELSE interval '1 month' END)
  OR EXISTS (SELECT 1 FROM memberships ms
             WHERE ms.member_key = r.referred_member_key AND ms.started_at <= now() AND (ms.ended_at IS NULL OR ms.ended_at > now())))`;

/*
 * The computed columns are scalar subqueries so that PostgreSQL evaluates them only for
 * the rows a page returns (and not at all for counts) unless a filter or sort needs them.
 */
const REFERRAL_ROWS = `
  SELECT r.id, rm.id AS "referrerId", rm.name AS "referrerName", rm.username AS "referrerUsername",
         m.id AS "referredMemberId", m.name AS "referredMemberName", r.referred_at AS "referredAt",
         r.page_slug AS "pageSlug", ${CURRENT_OR_LAST_PLAN} AS plan, ${STILL_PAYING} AS "stillPaying",
         (SELECT COALESCE(sum(rc.amount_micros), 0) FROM referral_credits rc WHERE rc.referral_id = r.id) AS "creditedMicros"
  FROM referrals r
  LEFT JOIN members rm ON rm.key = r.referrer_key
  LEFT JOIN members m ON m.key = r.referred_member_key`;

export const REFERRAL_LIST: ListSpec = {
  resource: 'referrals',
  key: 'v.id',
  defaultSort: ['referredAt', 'DESC'],
  sort: {
    id: 'v.id',
    referredAt: 'v."referredAt"',
    referrerId: 'v."referrerId"',
    referrerName: 'v."referrerName"',
    referredMemberId: 'v."referredMemberId"',
    pageSlug: 'v."pageSlug"',
    plan: 'v.plan',
    stillPaying: 'v."stillPaying"',
  },
  filters: {
    id: { column: 'v.id', type: 'text' },
    referrerId: { column: 'v."referrerId"', type: 'text' },
    referredMemberId: { column: 'v."referredMemberId"', type: 'text' },
    pageSlug: { column: 'v."pageSlug"', type: 'text' },
    plan: { column: 'v.plan', type: 'text', values: ['monthly', 'annual'] },
    stillPaying: { column: 'v."stillPaying"', type: 'bool' },
    referredAt: { column: 'v."referredAt"', type: 'timestamp' },
  },
  search: ['v."referrerName"', 'v."referredMemberName"', 'v."pageSlug"', 'v."referrerId"', 'v."referredMemberId"'],
};

const CREDIT_ROWS = `
  SELECT rc.id, rc.referral_id AS "referralId", rc.charge_id AS "chargeId", rc.period, rc.kind,
         rc.amount_micros AS "amountMicros", rc.reverses_period AS "reversesPeriod",
         rm.id AS "referrerId", rm.name AS "referrerName", m.id AS "referredMemberId", c.plan, rc.created_at AS "createdAt"
  FROM referral_credits rc
  LEFT JOIN members rm ON rm.key = rc.referrer_key
  LEFT JOIN referrals r ON r.id = rc.referral_id
  LEFT JOIN members m ON m.key = r.referred_member_key
  LEFT JOIN charges c ON c.id = rc.charge_id`;

export const CREDIT_LIST: ListSpec = {
  resource: 'referral-credits',
  key: 'v.id',
  defaultSort: ['id', 'DESC'],
  sort: {
    id: 'v.id',
    period: 'v.period',
    amountMicros: 'v."amountMicros"',
    kind: 'v.kind',
    referrerId: 'v."referrerId"',
    referralId: 'v."referralId"',
    createdAt: 'v."createdAt"',
  },
  filters: {
    id: { column: 'v.id', type: 'bigint' },
    period: { column: 'v.period', type: 'period' },
    referrerId: { column: 'v."referrerId"', type: 'text' },
    referralId: { column: 'v."referralId"', type: 'text' },
    referredMemberId: { column: 'v."referredMemberId"', type: 'text' },
    chargeId: { column: 'v."chargeId"', type: 'text' },
    kind: { column: 'v.kind', type: 'text', values: CREDIT_KINDS },
    reversesPeriod: { column: 'v."reversesPeriod"', type: 'text' },
  },
};

/** Filters apply to credit rows before grouping; sorts to the per-period totals. */
export const TOTALS_LIST: ListSpec = {
  resource: 'referral-credit-totals',
  key: 't.period',
  defaultSort: ['period', 'DESC'],
  sort: {
    id: 't.period',
    period: 't.period',
    totalMicros: 't."totalMicros"',
    creditedMicros: 't."creditedMicros"',
    reversedMicros: 't."reversedMicros"',
    credits: 't.credits',
    reversals: 't.reversals',
    referrers: 't.referrers',
  },
  filters: {
    id: { column: 'v.period', type: 'period' },
    period: { column: 'v.period', type: 'period' },
    referrerId: { column: 'v."referrerId"', type: 'text' },
    referralId: { column: 'v.referral_id', type: 'text' },
  },
};

const CREDIT_BASE = `SELECT rc.*, rm.id AS "referrerId" FROM referral_credits rc LEFT JOIN members rm ON rm.key = rc.referrer_key`;

const TOTALS = (where: string) => `
  SELECT v.period AS id, v.period,
         count(*) FILTER (WHERE v.kind = 'credit')::int AS credits,
         count(*) FILTER (WHERE v.kind = 'reversal')::int AS reversals,
         count(DISTINCT v.referrer_key)::int AS referrers,
         COALESCE(sum(v.amount_micros) FILTER (WHERE v.kind = 'credit'), 0) AS "creditedMicros",
         COALESCE(sum(v.amount_micros) FILTER (WHERE v.kind = 'reversal'), 0) AS "reversedMicros",
         sum(v.amount_micros) AS "totalMicros"
  FROM (${CREDIT_BASE}) v
  ${where}
  GROUP BY v.period`;

export interface ReferralRow {
  id: string;
  referrerId: string | null;
  referrerName: string | null;
  referrerUsername: string | null;
  referredMemberId: string | null;
  referredMemberName: string | null;
  referredAt: Date;
  pageSlug: string;
  plan: string | null;
  stillPaying: boolean;
  creditedMicros: string;
}

export interface CreditRow {
  id: string;
  referralId: string;
  chargeId: string;
  period: string;
  kind: string;
  amountMicros: string;
  reversesPeriod: string | null;
  referrerId: string | null;
  referrerName: string | null;
  referredMemberId: string | null;
  plan: string | null;
  createdAt: Date;
}

export interface TotalsRow {
  id: string;
  period: string;
  credits: number;
  reversals: number;
  referrers: number;
  creditedMicros: string;
  reversedMicros: string;
  totalMicros: string;
}

export interface Listed<T> {
  rows: T[];
  total: number;
}

@Injectable()
export class ReferralLegacyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serializes runs of one period (held until the caller's transaction ends). */
  async lockPeriod(m: EntityManager, monthIndex: number): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('referral-credits'), $1::int)`, [monthIndex]);
  }

  async insertCredits(
    m: EntityManager,
    p: { period: string; monthIndex: number; periodStart: string; shareBps: number; cutoff: string },
  ): Promise<InsertedRows> {
    return (await one<InsertedRows>(m, INSERT_CREDITS, [p.period, p.monthIndex, p.shareBps, p.cutoff, p.periodStart]))!;
  }

  async insertReversals(m: EntityManager, period: string): Promise<InsertedRows> {
    return (await one<InsertedRows>(m, INSERT_REVERSALS, [period]))!;
  }

  async periodTotal(db: Db, period: string): Promise<string> {
    const row = await one<{ sum: string }>(
      db,
      `SELECT COALESCE(sum(amount_micros), 0)::text AS sum FROM referral_credits WHERE period = $1`,
      [period],
    );
    return row!.sum;
  }

  /* staff views */

  /** A page and the total (two statements: a window count would compute every row's columns). */
  private async page<T>(from: string, q: ListQuery, countFrom = from): Promise<Listed<T>> {
    const [page, count] = await Promise.all([
      rows<T>(this.dataSource, `SELECT v.* FROM (${from}) v ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`, q.params),
      one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM (${countFrom}) v ${q.where}`, q.params),
    ]);
    return { rows: page, total: count!.n };
  }

  listReferrals(q: ListQuery): Promise<Listed<ReferralRow>> {
    return this.page(REFERRAL_ROWS, q);
  }

  async referral(id: string): Promise<ReferralRow | undefined> {
    return one(this.dataSource, `SELECT v.* FROM (${REFERRAL_ROWS}) v WHERE v.id = $1`, [id]);
  }

  listCredits(q: ListQuery): Promise<Listed<CreditRow>> {
    return this.page(CREDIT_ROWS, q);
  }

  async credit(id: string): Promise<CreditRow | undefined> {
    return one(this.dataSource, `SELECT v.* FROM (${CREDIT_ROWS}) v WHERE v.id = $1::bigint`, [id]);
  }

  /** Filters apply to credit rows (inside the grouping), sorts to the per-period totals. */
  async listTotals(q: ListQuery): Promise<Listed<TotalsRow>> {
    const [page, count] = await Promise.all([
      rows<TotalsRow>(this.dataSource, `SELECT t.* FROM (${TOTALS(q.where)}) t ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`, q.params),
      one<{ n: number }>(this.dataSource, `SELECT count(DISTINCT v.period)::int AS n FROM (${CREDIT_BASE}) v ${q.where}`, q.params),
    ]);
    return { rows: page, total: count!.n };
  }

  async totals(period: string): Promise<TotalsRow | undefined> {
    return one(this.dataSource, TOTALS('WHERE v.period = $1'), [period]);
  }

  /* referral pages */

  /** The writer behind a referral page slug (the most recent referral's referrer when several). */
  async pageOwner(slug: string): Promise<{ username: string } | undefined> {
    return one(
      this.dataSource,
      `SELECT m.username FROM referrals r JOIN members m ON m.key = r.referrer_key
       WHERE r.page_slug = $1 ORDER BY r.referred_at DESC, r.id DESC LIMIT 1`,
      [slug],
    );
  }
}
