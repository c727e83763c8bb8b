import type pg from 'pg';
import { memberKey, sql, TableFactory } from '../support/factory.js';

/*
 * Reading data for the referral tests, written straight into the tables by the test factory (as intake would
 * leave them): members, memberships, charges, referrals. Returns member keys by id.
 */

export interface MemberSeed {
  id: string;
  username?: string;
  name?: string;
}

export interface ChargeSeed {
  id: string;
  memberId: string;
  plan: 'monthly' | 'annual';
  /** `YYYY-MM` */
  coversFrom: string;
  grossCents: number;
  feeCents: number;
  status?: 'paid' | 'refunded';
}

export interface MembershipSeed {
  id: string;
  memberId: string;
  plan: 'monthly' | 'annual';
  startedAt: string;
  endedAt: string | null;
}

export interface ReferralSeed {
  id: string;
  referrerId: string;
  referredMemberId: string;
  referredAt: string;
  pageSlug: string;
}

export async function addMembers(pool: pg.Pool, members: MemberSeed[]): Promise<void> {
  await new TableFactory(pool).members(members.map((m) => ({ id: m.id, username: m.username ?? m.id, name: m.name ?? `Member ${m.id}` })));
}

export async function addMemberships(pool: pg.Pool, memberships: MembershipSeed[]): Promise<void> {
  await new TableFactory(pool).memberships(
    memberships.map((s) => ({ id: s.id, memberKey: memberKey(s.memberId), plan: s.plan, startedAt: s.startedAt, endedAt: s.endedAt })),
  );
}

/** Charged at the first moment of the month they cover, in the session's time zone (as before the factory). */
export async function addCharges(pool: pg.Pool, charges: ChargeSeed[]): Promise<void> {
  await new TableFactory(pool).charges(
    charges.map((c) => ({
      id: c.id,
      memberKey: memberKey(c.memberId),
      plan: c.plan,
      coversFrom: `${c.coversFrom}-01`,
      chargedAt: sql(`'${c.coversFrom}-01'::timestamptz`),
      grossCents: c.grossCents,
      feeCents: c.feeCents,
      status: c.status ?? 'paid',
    })),
  );
}

export async function addReferrals(pool: pg.Pool, referrals: ReferralSeed[]): Promise<void> {
  await new TableFactory(pool).referrals(
    referrals.map((r) => ({
      id: r.id,
      referrerKey: memberKey(r.referrerId),
      referredMemberKey: memberKey(r.referredMemberId),
      referredAt: r.referredAt,
      pageSlug: r.pageSlug,
    })),
  );
}

export const refund = (pool: pg.Pool, chargeId: string) => pool.query(`UPDATE charges SET status = 'refunded' WHERE id = $1`, [chargeId]);

export interface CreditSnapshot {
  referral_id: string;
  charge_id: string;
  period: string;
  referrer: string;
  amount_micros: string;
  kind: string;
  reverses_period: string | null;
}

/** Every credit row, ordered, without ids and timestamps: what "the same credits" means. */
export async function creditRows(pool: pg.Pool, period?: string): Promise<CreditSnapshot[]> {
  const { rows } = await pool.query(
    `SELECT rc.referral_id, rc.charge_id, rc.period, m.id AS referrer, rc.amount_micros, rc.kind, rc.reverses_period
     FROM referral_credits rc JOIN members m ON m.key = rc.referrer_key
     WHERE $1::text IS NULL OR rc.period = $1
     ORDER BY rc.period, rc.referral_id, rc.charge_id, rc.kind, rc.reverses_period NULLS FIRST`,
    [period ?? null],
  );
  return rows;
}

/** µ$ per referrer id for a period (what the payout run sums). */
export async function referrerTotals(pool: pg.Pool, period: string): Promise<Record<string, bigint>> {
  const { rows } = await pool.query(
    `SELECT m.id, sum(rc.amount_micros)::text AS total FROM referral_credits rc JOIN members m ON m.key = rc.referrer_key
     WHERE rc.period = $1 GROUP BY m.id`,
    [period],
  );
  return Object.fromEntries(rows.map((r: { id: string; total: string }) => [r.id, BigInt(r.total)]));
}
