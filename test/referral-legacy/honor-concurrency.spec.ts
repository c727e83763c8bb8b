import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { computeEarnings } from '../oracle/earnings-oracle.js';
import type { Bundle, ChargeRecord, ReferralRecord } from '../oracle/bundle.js';
import type { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { monthIndex, periodOfIndex } from '../../libs/core/src/period/period.js';
import { ReferralLegacyRepository } from '../../libs/referral-legacy/src/referral-legacy.repository.js';
import { addCharges, addMembers, addReferrals, creditRows, referrerTotals, refund } from './fixtures.js';
import { creditsServiceOn } from './support.js';

/** A small deterministic PRNG (mulberry32) so that a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const FIRST = '2024-06';
const LAST = '2027-05';
const PERIODS = Array.from({ length: monthIndex(LAST) - monthIndex(FIRST) + 1 }, (_, i) => periodOfIndex(monthIndex(FIRST) + i));

/** Referrers, referred members (some referred twice), and their monthly and annual charges over three years. */
function randomData(seed: number) {
  const r = prng(seed);
  const referrers = Array.from({ length: 12 }, (_, i) => `w${i}`);
  const referred = Array.from({ length: 40 }, (_, i) => `m${i}`);
  const referrals: ReferralRecord[] = [];
  referred.forEach((m, i) => {
    const count = i % 7 === 0 ? 2 : 1;
    for (let j = 0; j < count; j++) {
      const at = new Date(Date.UTC(2021, 0, 1) + r.int(0, 970) * 86400_000 + r.int(0, 86399) * 1000).toISOString().replace('.000Z', 'Z');
      referrals.push({
        id: `ref-${m}-${j}`,
        referrerId: referrers[r.int(0, referrers.length - 1)],
        referredMemberId: m,
        referredAt: at,
        pageSlug: `p-${m}`,
      });
    }
  });
  const charges: ChargeRecord[] = [];
  for (const m of referred) {
    const annual = r.next() < 0.35;
    let month = monthIndex('2024-01') + r.int(0, 20);
    const end = month + r.int(3, 40);
    while (month <= end && month <= monthIndex('2027-03')) {
      const gross = annual ? r.int(3000, 15000) : r.int(100, 2500);
      const fee = r.int(0, Math.floor(gross / 8));
      charges.push({
        id: `c-${m}-${month}`,
        memberId: m,
        plan: annual ? 'annual' : 'monthly',
        coversFrom: periodOfIndex(month),
        chargedAt: `${periodOfIndex(month)}-01T00:00:00Z`,
        grossCents: gross,
        feeCents: fee,
        netCents: gross - fee,
        status: 'paid',
      });
      month += annual ? 12 : 1;
    }
  }
  return { referrers, referred, referrals, charges };
}

const bundleOf = (d: ReturnType<typeof randomData>): Bundle => ({
  members: [...d.referrers, ...d.referred].map((id) => ({
    id,
    username: id,
    name: id,
    email: `${id}@x.example`,
    country: 'US',
    birthDate: null,
    joinedAt: '2021-01-01T00:00:00Z',
  })),
  memberships: [],
  charges: d.charges,
  publications: [],
  stories: [],
  enrollments: [],
  payoutAccounts: [],
  boosts: [],
  sessions: [],
  engagements: [],
  follows: [],
  referrals: d.referrals,
});

describe('honor-legacy-referrals: same credits however often and however concurrently it runs', () => {
  let db: TestDatabase;
  let w1: { service: ReferralCreditsService; dataSource: DataSource };
  let w2: { service: ReferralCreditsService; dataSource: DataSource };
  const data = randomData(20231001);

  beforeAll(async () => {
    db = await freshDatabase();
    await addMembers(
      db.pool,
      [...data.referrers, ...data.referred].map((id) => ({ id })),
    );
    await addCharges(
      db.pool,
      data.charges.map((c) => ({ ...c, status: 'paid' as const })),
    );
    await addReferrals(db.pool, data.referrals);
    w1 = await creditsServiceOn(db.url);
    w2 = await creditsServiceOn(db.url);
  });
  afterAll(async () => {
    await w1.dataSource.destroy();
    await w2.dataSource.destroy();
    await db.drop();
  });

  it('matches the earnings oracle (step 8) for every referrer in every period, to the micro-dollar', async () => {
    const bundle = bundleOf(data);
    let nonZero = 0;
    for (const period of PERIODS) {
      await w1.service.honor(period);
      const expected: Record<string, bigint> = {};
      for (const [id, a] of Object.entries(computeEarnings(bundle, period).authors))
        if (a.referralEarnings !== 0n) expected[id] = a.referralEarnings;
      expect({ period, totals: await referrerTotals(db.pool, period) }).toEqual({ period, totals: expected });
      nonZero += Object.keys(expected).length;
    }
    expect(nonZero).toBeGreaterThan(100);
  });

  it('acceptance 2: two workers honoring the same period at once leave exactly the credits of one run', async () => {
    const single = await creditRows(db.pool);
    const singleCount = single.length;
    const singleSum = single.reduce((s, r) => s + BigInt(r.amount_micros), 0n);
    expect(singleCount).toBeGreaterThan(200);
    for (let round = 0; round < 3; round++) {
      await db.pool.query(`TRUNCATE referral_credits`);
      const results = await Promise.all(PERIODS.flatMap((p) => [w1.service.honor(p), w2.service.honor(p)]));
      const rows = await creditRows(db.pool);
      expect(rows).toEqual(single);
      expect(rows.length).toBe(singleCount);
      expect(rows.reduce((s, r) => s + BigInt(r.amount_micros), 0n)).toBe(singleSum);
      // each row was written by exactly one of the two workers
      expect(results.reduce((n, r) => n + r.credited, 0)).toBe(singleCount);
      // and both report the period's one total
      PERIODS.forEach((_, i) => expect(results[2 * i].totalMicros).toBe(results[2 * i + 1].totalMicros));
    }
  });

  it('concurrent runs of the same and the next period reverse a refunded charge exactly once', async () => {
    const annual = data.charges.find(
      (c) => c.plan === 'annual' && monthIndex(c.coversFrom) <= monthIndex('2026-01') && monthIndex(c.coversFrom) >= monthIndex('2025-03'),
    )!;
    const credits = (await creditRows(db.pool)).filter((r) => r.charge_id === annual.id && r.kind === 'credit');
    expect(credits.length).toBeGreaterThanOrEqual(12);
    await refund(db.pool, annual.id);
    const results = await Promise.all([
      w1.service.honor('2027-06'),
      w2.service.honor('2027-06'),
      w1.service.honor('2027-07'),
      w2.service.honor('2027-07'),
    ]);
    const reversals = (await creditRows(db.pool)).filter((r) => r.charge_id === annual.id && r.kind === 'reversal');
    expect(reversals.map((r) => `${r.referral_id}/${r.reverses_period}`).sort()).toEqual(
      credits.map((r) => `${r.referral_id}/${r.period}`).sort(),
    );
    expect(reversals.reduce((s, r) => s + BigInt(r.amount_micros), 0n)).toBe(-credits.reduce((s, r) => s + BigInt(r.amount_micros), 0n));
    expect(results.reduce((n, r) => n + r.reversed, 0)).toBe(credits.length);
  });

  it('without the period lock, the unique key alone keeps a second concurrent writer from crediting twice', async () => {
    await db.pool.query(`TRUNCATE referral_credits`);
    const period = '2026-01';
    const args = { period, monthIndex: monthIndex(period), periodStart: `${period}-01`, shareBps: 5000, cutoff: '2023-09-01T00:00:00Z' };
    const [qr1, qr2] = [w1.dataSource.createQueryRunner(), w2.dataSource.createQueryRunner()];
    await qr1.connect();
    await qr2.connect();
    try {
      await qr1.startTransaction();
      await qr2.startTransaction();
      const [{ pid }] = await qr2.query(`SELECT pg_backend_pid() AS pid`);
      const first = await new ReferralLegacyRepository(w1.dataSource).insertCredits(qr1.manager, args);
      const second = new ReferralLegacyRepository(w2.dataSource).insertCredits(qr2.manager, args);
      // the second writer is now blocked on the first one's uncommitted index entries
      let waiting = false;
      for (let i = 0; i < 5000 && !waiting; i++) {
        const { rows } = await db.pool.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
        waiting = rows[0]?.wait_event_type === 'Lock';
      }
      expect(waiting).toBe(true);
      await qr1.commitTransaction();
      expect((await second).n).toBe(0);
      await qr2.commitTransaction();
      expect(first.n).toBeGreaterThan(0);
      expect((await creditRows(db.pool, period)).length).toBe(first.n);
    } finally {
      await qr1.release();
      await qr2.release();
    }
  });
});
