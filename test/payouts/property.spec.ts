import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { DEFAULT_EARNINGS_PARAMETERS, type EarningsParameters } from '../../libs/payouts/src/earnings-parameters.js';
import { PayoutRunRepository, type RunRow } from '../../libs/payouts/src/run/payout-run.repository.js';
import { computeEarnings } from '../oracle/earnings-oracle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { RANDOM_PERIOD, randomBundle } from './random-bundle.js';

const READING_TABLES =
  'members, memberships, charges, publications, stories, enrollments, payout_accounts, boosts, sessions, engagements, follows, referrals';

/**
 * Hundreds of random small months: the SQL run (prepare, every shard, finalize, exactly as
 * the jobs call them) must equal the independent oracle, and money must be conserved.
 */
describe('payout run properties over random datasets', () => {
  let t: TestApp;
  let repo: PayoutRunRepository;
  let referrals: ReferralCreditsService;

  beforeAll(async () => {
    t = await startTestApp();
    repo = t.app.get(PayoutRunRepository);
    referrals = t.app.get(ReferralCreditsService);
  });
  afterAll(() => t.close());

  async function run(seed: number, params: EarningsParameters) {
    await t.db.pool.query(`TRUNCATE ${READING_TABLES}, referral_credits, statements, story_earnings, payout_runs RESTART IDENTITY`);
    await loadBundle(t.db.pool, randomBundle(seed));
    const { rows } = await t.db.pool.query(
      `INSERT INTO payout_runs (period, status, attempt, params, params_version, queued_at) VALUES ($1, 'running', 1, $2, 0, now()) RETURNING id`,
      [RANDOM_PERIOD, params],
    );
    const runRow: RunRow = { id: rows[0].id, period: RANDOM_PERIOD, status: 'running', attempt: 1, params, startedBy: null };
    await referrals.honor(RANDOM_PERIOD);
    await repo.prepare(runRow, async () => undefined);
    for (let shard = 0; shard < params.shards; shard++) await repo.computeShard(runRow, shard);
    await repo.finalize(runRow);
    return runRow.id;
  }

  it('equals the oracle and conserves money, for 200 random months', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(1, 3, 8), async (seed, shards) => {
        const params = { ...DEFAULT_EARNINGS_PARAMETERS, shards };
        const runId = await run(seed, params);
        const expected = computeEarnings(randomBundle(seed), RANDOM_PERIOD);
        const {
          rows: [runRow],
        } = await t.db.pool.query(
          `SELECT pool_micros::text, allocated_micros::text, unallocated_micros::text, referral_micros::text, member_count, pair_count, status FROM payout_runs WHERE id = $1`,
          [runId],
        );
        expect(runRow.status).toBe('computed');
        expect({
          pool: BigInt(runRow.pool_micros),
          allocated: BigInt(runRow.allocated_micros),
          unallocated: BigInt(runRow.unallocated_micros),
          referrals: BigInt(runRow.referral_micros),
          members: runRow.member_count,
          pairs: runRow.pair_count,
        }).toEqual(expected.totals);
        // pool = allocated + unallocated, exactly
        expect(BigInt(runRow.pool_micros)).toBe(BigInt(runRow.allocated_micros) + BigInt(runRow.unallocated_micros));

        const { rows: stories } = await t.db.pool.query(
          `SELECT st.id, se.earnings_micros::text AS e, se.reading_time_micros::text AS rt, se.engagement_micros::text AS en,
                  se.read_ratio_adjustment_micros::text AS rra, se.follower_bonus_micros::text AS fb, se.boost_bonus_micros::text AS bb,
                  se.views, se.reads, se.read_ratio_adjustment_bps AS adj, se.member_reads, se.member_reading_seconds::int AS secs,
                  se.clappers, se.highlighters, se.repliers, se.new_follows, se.follower_readers, se.boosted_readers
           FROM story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.run_id = $1`,
          [runId],
        );
        for (const s of stories) {
          const o = expected.stories[s.id]!;
          const parts = [s.rt, s.en, s.rra, s.fb, s.bb].map(BigInt);
          // a story's breakdown sums to its earnings
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(BigInt(s.e));
          expect({
            id: s.id,
            earnings: BigInt(s.e),
            readingTime: parts[0],
            engagement: parts[1],
            readRatioAdjustment: parts[2],
            followerBonus: parts[3],
            boostBonus: parts[4],
            views: s.views,
            reads: s.reads,
            readRatioAdjustmentBps: s.adj,
            memberReads: s.member_reads,
            memberReadingSeconds: s.secs,
            clappers: s.clappers,
            highlighters: s.highlighters,
            repliers: s.repliers,
            newFollows: s.new_follows,
            followerReaders: s.follower_readers,
            boostedReaders: s.boosted_readers,
          }).toEqual({ id: s.id, ...o });
        }
        // stories the run has no row for earned nothing and were not viewed
        for (const [id, o] of Object.entries(expected.stories)) {
          if (!stories.some((s) => s.id === id))
            expect({ id, earnings: o.earnings, views: o.views }).toEqual({ id, earnings: 0n, views: 0 });
        }
        // each member's allocations sum to their contribution; each pair's breakdown sums to its allocation (reference pairs)
        const byMember = new Map<string, bigint>();
        for (const p of expected.pairs) {
          byMember.set(p.memberId, (byMember.get(p.memberId) ?? 0n) + p.allocation);
          const b = p.breakdown;
          expect(b.readingTime + b.engagement + b.readRatioAdjustment + b.followerBonus + b.boostBonus).toBe(p.allocation);
        }
        for (const [m, allocated] of byMember) if (allocated > 0n) expect(allocated).toBe(expected.contributions[m]);

        // authors: story earnings and referral credits; statements balance
        const { rows: statements } = await t.db.pool.query(
          `SELECT au.id, sm.story_earnings_micros::text AS se, sm.referral_earnings_micros::text AS re, sm.opening_micros::text AS op,
                  sm.adjustments_micros::text AS ad, sm.balance_micros::text AS bal, sm.payout_cents::text AS pc, sm.carried_micros::text AS ca,
                  sm.forfeited_micros::text AS fo, sm.status
           FROM statements sm JOIN members au ON au.key = sm.author_key WHERE sm.run_id = $1`,
          [runId],
        );
        for (const s of statements) {
          const a = expected.authors[s.id] ?? { storyEarnings: 0n, referralEarnings: 0n };
          expect({ id: s.id, story: BigInt(s.se), referral: BigInt(s.re) }).toEqual({
            id: s.id,
            story: a.storyEarnings,
            referral: a.referralEarnings,
          });
          const balance = BigInt(s.op) + BigInt(s.se) + BigInt(s.re) + BigInt(s.ad);
          expect(BigInt(s.bal)).toBe(balance);
          expect(BigInt(s.pc) * 10000n + BigInt(s.ca) + BigInt(s.fo)).toBe(balance);
          if (s.status === 'forfeited') expect(BigInt(s.fo)).toBe(balance);
        }
        for (const [id, a] of Object.entries(expected.authors)) {
          if (a.storyEarnings !== 0n || a.referralEarnings !== 0n) expect(statements.some((s) => s.id === id)).toBe(true);
        }
      }),
      { numRuns: 200, seed: 20261124, endOnFailure: true },
    );
  }, 600_000);
});
