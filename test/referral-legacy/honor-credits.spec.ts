import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import type { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { monthIndex, periodOfIndex } from '../../libs/core/src/period/period.js';
import { addCharges, addMembers, addMemberships, addReferrals, creditRows, referrerTotals, refund } from './fixtures.js';
import { creditsServiceOn } from './support.js';

const periods = (from: string, to: string) => {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(periodOfIndex(i));
  return out;
};

/**
 * The worked example's referrals (spec/earnings.md): a2 referred r1 (monthly, $5.00 with
 * $0.45 fees) in 2023-01; a1 referred r2 (annual since 2026-06, $50.00 with $1.75 fees) in 2023-06.
 * Plus the cutoff edge (a3 → m3), a member who left (a4 → m4) and a refund (a5 → m5).
 */
async function seed(db: TestDatabase) {
  await addMembers(
    db.pool,
    ['a1', 'a2', 'a3', 'a4', 'a5', 'r1', 'r2', 'm3', 'm4', 'm5'].map((id) => ({ id })),
  );
  await addMemberships(db.pool, [
    { id: 'ms-r1', memberId: 'r1', plan: 'monthly', startedAt: '2023-01-15T10:00:00Z', endedAt: null },
    { id: 'ms-r2', memberId: 'r2', plan: 'annual', startedAt: '2023-06-10T10:00:00Z', endedAt: null },
    { id: 'ms-m3', memberId: 'm3', plan: 'monthly', startedAt: '2023-09-01T00:00:00Z', endedAt: null },
    { id: 'ms-m4', memberId: 'm4', plan: 'monthly', startedAt: '2022-05-01T00:00:00Z', endedAt: '2026-10-01T00:00:00Z' },
    { id: 'ms-m5', memberId: 'm5', plan: 'annual', startedAt: '2023-03-01T00:00:00Z', endedAt: null },
  ]);
  await addCharges(db.pool, [
    { id: 'ch-r1-10', memberId: 'r1', plan: 'monthly', coversFrom: '2026-10', grossCents: 500, feeCents: 45 },
    { id: 'ch-r2', memberId: 'r2', plan: 'annual', coversFrom: '2026-06', grossCents: 5000, feeCents: 175 },
    { id: 'ch-m3-10', memberId: 'm3', plan: 'monthly', coversFrom: '2026-10', grossCents: 1000, feeCents: 59 },
    { id: 'ch-m4-08', memberId: 'm4', plan: 'monthly', coversFrom: '2026-08', grossCents: 500, feeCents: 45 },
    { id: 'ch-m4-09', memberId: 'm4', plan: 'monthly', coversFrom: '2026-09', grossCents: 500, feeCents: 45 },
    // net 9680 → total 4840 = 12 × 403 + 4: 404 in 2025-01..04, 403 after
    { id: 'ch-m5', memberId: 'm5', plan: 'annual', coversFrom: '2025-01', grossCents: 10000, feeCents: 320 },
  ]);
  await addReferrals(db.pool, [
    { id: 'ref-1', referrerId: 'a2', referredMemberId: 'r1', referredAt: '2023-01-15T09:00:00Z', pageSlug: 'ref-a2' },
    { id: 'ref-2', referrerId: 'a1', referredMemberId: 'r2', referredAt: '2023-06-10T09:00:00Z', pageSlug: 'ref-a1' },
    { id: 'ref-3', referrerId: 'a3', referredMemberId: 'm3', referredAt: '2023-08-31T23:59:59Z', pageSlug: 'ref-a3' },
    { id: 'ref-4', referrerId: 'a4', referredMemberId: 'm4', referredAt: '2022-04-30T12:00:00Z', pageSlug: 'ref-a4' },
    { id: 'ref-5', referrerId: 'a5', referredMemberId: 'm5', referredAt: '2023-02-28T12:00:00Z', pageSlug: 'ref-a5' },
  ]);
}

describe('honor-legacy-referrals: credits per step 8', () => {
  let db: TestDatabase;
  let worker: { service: ReferralCreditsService; dataSource: DataSource };

  beforeAll(async () => {
    db = await freshDatabase();
    await seed(db);
    worker = await creditsServiceOn(db.url);
  });
  afterAll(async () => {
    await worker.dataSource.destroy();
    await db.drop();
  });

  it('acceptance 1: $5.00 monthly with $0.45 fees credits $2.27; $50.00 annual with $1.75 fees credits $2.01 (the worked example)', async () => {
    const result = await worker.service.honor('2026-10');
    const totals = await referrerTotals(db.pool, '2026-10');
    expect(totals.a2).toBe(2_270_000n);
    expect(totals.a1).toBe(2_010_000n);
    // a3's 941¢ net → 470¢; a4's member left: nothing in October
    expect(totals).toEqual({ a1: 2_010_000n, a2: 2_270_000n, a3: 4_700_000n });
    expect(result).toEqual({ credited: 3, reversed: 0, totalMicros: 8_980_000n });
  });

  it('acceptance 1: the annual charge credits $24.12 over its 12 months, $2.01 each, and nothing outside them', async () => {
    for (const p of periods('2026-05', '2027-06')) await worker.service.honor(p);
    const rows = (await creditRows(db.pool)).filter((r) => r.charge_id === 'ch-r2');
    expect(rows.map((r) => r.period)).toEqual(periods('2026-06', '2027-05'));
    expect(new Set(rows.map((r) => `${r.referrer}/${r.kind}/${r.amount_micros}`))).toEqual(new Set(['a1/credit/2010000']));
    expect(rows.reduce((s, r) => s + BigInt(r.amount_micros), 0n)).toBe(24_120_000n);
  });

  it('acceptance 2: running a period again credits nothing more and leaves the same rows', async () => {
    const before = await creditRows(db.pool);
    const again = await worker.service.honor('2026-10');
    expect(again).toEqual({ credited: 0, reversed: 0, totalMicros: 8_980_000n });
    expect(await creditRows(db.pool)).toEqual(before);
  });

  it('acceptance 3: a referral dated 2023-08-31T23:59:59Z is honored; the table refuses one dated 2023-09-01T00:00:00Z', async () => {
    expect((await creditRows(db.pool, '2026-10')).filter((r) => r.referral_id === 'ref-3')).toEqual([
      expect.objectContaining({ referrer: 'a3', charge_id: 'ch-m3-10', amount_micros: '4700000', kind: 'credit' }),
    ]);
    await expect(
      addReferrals(db.pool, [
        { id: 'ref-late', referrerId: 'a3', referredMemberId: 'm4', referredAt: '2023-09-01T00:00:00Z', pageSlug: 'ref-a3' },
      ]),
    ).rejects.toThrow(/referrals_cutoff_check/);
  });

  it('acceptance 3: the cutoff is a fixed fact of the program: honoring reads no cutoff parameter', async () => {
    // a3's referral at 2023-08-31T23:59:59Z is the last one honored, whatever the parameter set says
    await addCharges(db.pool, [
      { id: 'ch-m3-2028', memberId: 'm3', plan: 'monthly', coversFrom: '2028-01', grossCents: 1000, feeCents: 59 },
    ]);
    await db.pool.query(
      `INSERT INTO earnings_parameter_sets (params) VALUES ('{"referral": {"referralShareBps": 5000}, "referralCutoff": "2023-08-31T23:59:59Z"}')`,
    );
    const result = await worker.service.honor('2028-01');
    expect(result.credited).toBe(1);
    expect((await creditRows(db.pool, '2028-01')).map((r) => r.referrer)).toEqual(['a3']);
  });

  it('acceptance 4: a member whose membership ended earns their referrer nothing for periods their charges do not cover', async () => {
    const a4 = (await creditRows(db.pool)).filter((r) => r.referrer === 'a4');
    expect(a4.map((r) => [r.period, r.charge_id, r.amount_micros])).toEqual([
      ['2026-08', 'ch-m4-08', '2270000'],
      ['2026-09', 'ch-m4-09', '2270000'],
    ]);
    // October onwards were all run above: nothing for a4 after the membership ended
    expect(a4.every((r) => r.period < '2026-10')).toBe(true);
  });

  it("uses the referral section's referralShareBps of the current parameter set (integer cents, rounded down)", async () => {
    await addCharges(db.pool, [
      { id: 'ch-r1-2028-02', memberId: 'r1', plan: 'monthly', coversFrom: '2028-02', grossCents: 500, feeCents: 45 },
    ]);
    await db.pool.query(`INSERT INTO earnings_parameter_sets (params) VALUES ('{"referral": {"referralShareBps": 3333}}')`);
    await worker.service.honor('2028-02');
    // 455 × 3333 // 10000 = 151 cents
    expect(await referrerTotals(db.pool, '2028-02')).toEqual({ a2: 1_510_000n });
    await db.pool.query(`INSERT INTO earnings_parameter_sets (params) VALUES ('{"referral": {"referralShareBps": 5000}}')`); // back to the default
  });

  it('a refund produces reversals in the next period run, once, without touching the credited periods', async () => {
    for (const p of periods('2025-01', '2025-05')) await worker.service.honor(p);
    const credited = await creditRows(db.pool);
    const m5 = credited.filter((r) => r.charge_id === 'ch-m5');
    expect(m5.map((r) => r.amount_micros)).toEqual(['4040000', '4040000', '4040000', '4040000', '4030000']);

    await refund(db.pool, 'ch-m5');
    const june = await worker.service.honor('2025-06');
    expect(june).toEqual({ credited: 0, reversed: 5, totalMicros: -20_190_000n });
    const reversals = await creditRows(db.pool, '2025-06');
    expect(reversals.map((r) => [r.kind, r.reverses_period, r.amount_micros, r.referrer])).toEqual([
      ['reversal', '2025-01', '-4040000', 'a5'],
      ['reversal', '2025-02', '-4040000', 'a5'],
      ['reversal', '2025-03', '-4040000', 'a5'],
      ['reversal', '2025-04', '-4040000', 'a5'],
      ['reversal', '2025-05', '-4030000', 'a5'],
    ]);
    // history is untouched, and later runs reverse nothing twice
    const after = await creditRows(db.pool);
    expect(after.filter((r) => r.period < '2025-06')).toEqual(credited.filter((r) => r.period < '2025-06'));
    expect(await worker.service.honor('2025-06')).toMatchObject({ credited: 0, reversed: 0 });
    expect((await worker.service.honor('2025-07')).reversed).toBe(0);
    expect((await creditRows(db.pool)).filter((r) => r.charge_id === 'ch-m5' && r.kind === 'reversal')).toHaveLength(5);
  });

  it('a period refunded after it was credited keeps its credit; the reversal lands in the next period', async () => {
    await refund(db.pool, 'ch-r1-10');
    expect((await worker.service.honor('2026-10')).reversed).toBe(0);
    expect((await creditRows(db.pool, '2026-10')).filter((r) => r.charge_id === 'ch-r1-10').map((r) => r.kind)).toEqual(['credit']);
    await worker.service.honor('2026-11');
    expect((await creditRows(db.pool, '2026-11')).filter((r) => r.charge_id === 'ch-r1-10')).toEqual([
      expect.objectContaining({ kind: 'reversal', reverses_period: '2026-10', amount_micros: '-2270000', referrer: 'a2' }),
    ]);
  });

  it('records each run that wrote something in the audit log, as the system', async () => {
    const { rows } = await db.pool.query(
      `SELECT actor_email, entity_id, after FROM audit_log WHERE action = 'referral-credits.honor' AND entity_id = '2025-06'`,
    );
    expect(rows).toEqual([
      {
        actor_email: 'system',
        entity_id: '2025-06',
        after: expect.objectContaining({ credited: 0, reversed: 5, reversedMicros: '-20190000' }),
      },
    ]);
  });

  it('refuses a malformed period with a 400 naming it', async () => {
    await expect(worker.service.honor('2026-13')).rejects.toMatchObject({
      status: 400,
      response: { code: 'validation_failed', details: [{ field: 'period' }] },
    });
  });

  it('the database keeps credits append-only and unique per (referral, charge, period) and per reversed period', async () => {
    await expect(db.pool.query(`UPDATE referral_credits SET amount_micros = 1`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM referral_credits`)).rejects.toThrow(/append-only/);
    const dupCredit = db.pool.query(
      `INSERT INTO referral_credits (referral_id, charge_id, period, referrer_key, amount_micros, kind)
       SELECT referral_id, charge_id, period, referrer_key, amount_micros, kind FROM referral_credits WHERE kind = 'credit' LIMIT 1`,
    );
    await expect(dupCredit).rejects.toMatchObject({ code: '23505', constraint: 'referral_credits_credit_key' });
    const dupReversal = db.pool.query(
      `INSERT INTO referral_credits (referral_id, charge_id, period, referrer_key, amount_micros, kind, reverses_period)
       SELECT referral_id, charge_id, '2029-01', referrer_key, amount_micros, kind, reverses_period FROM referral_credits WHERE kind = 'reversal' LIMIT 1`,
    );
    await expect(dupReversal).rejects.toMatchObject({ code: '23505', constraint: 'referral_credits_reversal_key' });
  });
});
