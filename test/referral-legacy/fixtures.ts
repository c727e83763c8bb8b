import type pg from 'pg';

/*
 * Reading data for the referral tests, written straight into the tables (as intake would
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
  await pool.query(
    `INSERT INTO members (id, username, name, email, country, joined_at)
     SELECT m.id, m.username, m.name, m.id || '@members.example', 'US', '2022-01-01T00:00:00Z'
     FROM jsonb_to_recordset($1::jsonb) AS m(id text, username text, name text)`,
    [JSON.stringify(members.map((m) => ({ id: m.id, username: m.username ?? m.id, name: m.name ?? `Member ${m.id}` })))],
  );
}

export async function addMemberships(pool: pg.Pool, memberships: MembershipSeed[]): Promise<void> {
  await pool.query(
    `INSERT INTO memberships (id, member_key, plan, tier, started_at, ended_at)
     SELECT s.id, m.key, s.plan, 'member', s.started_at, s.ended_at
     FROM jsonb_to_recordset($1::jsonb) AS s(id text, member_id text, plan text, started_at timestamptz, ended_at timestamptz)
     JOIN members m ON m.id = s.member_id`,
    [
      JSON.stringify(
        memberships.map((s) => ({ id: s.id, member_id: s.memberId, plan: s.plan, started_at: s.startedAt, ended_at: s.endedAt })),
      ),
    ],
  );
}

export async function addCharges(pool: pg.Pool, charges: ChargeSeed[]): Promise<void> {
  await pool.query(
    `INSERT INTO charges (id, member_key, plan, covers_from, charged_at, gross_cents, fee_cents, net_cents, status)
     SELECT c.id, m.key, c.plan, (c.covers_from || '-01')::date, (c.covers_from || '-01')::timestamptz,
            c.gross, c.fee, c.gross - c.fee, c.status
     FROM jsonb_to_recordset($1::jsonb) AS c(id text, member_id text, plan text, covers_from text, gross bigint, fee bigint, status text)
     JOIN members m ON m.id = c.member_id`,
    [
      JSON.stringify(
        charges.map((c) => ({
          id: c.id,
          member_id: c.memberId,
          plan: c.plan,
          covers_from: c.coversFrom,
          gross: c.grossCents,
          fee: c.feeCents,
          status: c.status ?? 'paid',
        })),
      ),
    ],
  );
}

export async function addReferrals(pool: pg.Pool, referrals: ReferralSeed[]): Promise<void> {
  await pool.query(
    `INSERT INTO referrals (id, referrer_key, referred_member_key, referred_at, page_slug)
     SELECT r.id, a.key, b.key, r.referred_at, r.page_slug
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, referrer_id text, referred_id text, referred_at timestamptz, page_slug text)
     JOIN members a ON a.id = r.referrer_id
     JOIN members b ON b.id = r.referred_id`,
    [
      JSON.stringify(
        referrals.map((r) => ({
          id: r.id,
          referrer_id: r.referrerId,
          referred_id: r.referredMemberId,
          referred_at: r.referredAt,
          page_slug: r.pageSlug,
        })),
      ),
    ],
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
