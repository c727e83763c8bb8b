import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { DEFAULT_EARNINGS_PARAMETERS, type EarningsParameters } from '../../libs/payouts/src/earnings-parameters.js';
import { SimulationsService } from '../../libs/payouts/src/index.js';
import { PayoutRunRepository, type RunRow } from '../../libs/payouts/src/run/payout-run.repository.js';
import { computeEarnings } from '../oracle/earnings-oracle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { RANDOM_PERIOD, randomBundle } from './random-bundle.js';
import { differencesFromRun } from './simulation-helpers.js';

const READING_TABLES =
  'members, memberships, charges, publications, stories, enrollments, payout_accounts, boosts, sessions, engagements, follows, referrals';

/** Parameter changes a simulation may ask for (each field from its own few values). */
const changes = fc.record(
  {
    writerShareBps: fc.constantFrom(0, 3000, 7000, 10000),
    qualifiedReadSeconds: fc.constantFrom(0, 29, 31, 600),
    sessionCapSeconds: fc.constantFrom(1, 240, 5000),
    readRatioOffsetBps: fc.constantFrom(0, 2000),
    clapPoints: fc.constantFrom(0, 500),
    replyPoints: fc.constantFrom(0, 1),
    newFollowPoints: fc.constantFrom(0, 900),
    followerBps: fc.constantFrom(1, 10000, 30000),
    boostBps: fc.constantFrom(1, 10000, 50000),
    minPayoutCents: fc.constantFrom(0, 1, 100000),
    shards: fc.constantFrom(1, 3),
  },
  { requiredKeys: [] },
);

/**
 * Over random months full of boundary cases, through the library entry point: a simulation
 * with the period's own parameters equals its approved run (which may have applied integrity
 * exclusions); with other parameters, without
 * some boosts and with some reader–story pairs excluded, it equals the oracle with those
 * parameters on the data without those boosts and the sessions and engagements of its own
 * and the run's excluded pairs.
 */
describe('simulation properties over random datasets', () => {
  let t: TestApp;
  let engine: PayoutRunRepository;
  let referrals: ReferralCreditsService;
  let simulations: SimulationsService;

  beforeAll(async () => {
    t = await startTestApp();
    engine = t.app.get(PayoutRunRepository);
    referrals = t.app.get(ReferralCreditsService);
    simulations = t.app.get(SimulationsService);
  });
  afterAll(() => t.close());

  /** The period's run, computed as the jobs compute it and then approved (by SQL: the ledger is not under test here). */
  /** `live`: "member|story" pairs the integrity review excluded before the run (earnings_exclusions). */
  async function approvedRun(seed: number, live: string[]): Promise<string> {
    await t.db.pool.query(
      `TRUNCATE ${READING_TABLES}, referral_credits, statements, story_earnings, story_exclusion_effects, earnings_exclusions, payout_runs,
                simulations, simulation_story_earnings, simulation_statements, simulation_excluded_pairs RESTART IDENTITY`,
    );
    await loadBundle(t.db.pool, randomBundle(seed));
    await t.db.pool.query(
      `INSERT INTO earnings_exclusions (period, member_key, story_key, decision_ref)
       SELECT $1, mb.key, st.key, 'case-1' FROM unnest($2::text[]) x(pair)
       JOIN members mb ON mb.id = split_part(x.pair, '|', 1) JOIN stories st ON st.id = split_part(x.pair, '|', 2)`,
      [RANDOM_PERIOD, live],
    );
    const params: EarningsParameters = DEFAULT_EARNINGS_PARAMETERS;
    const { rows } = await t.db.pool.query(
      `INSERT INTO payout_runs (period, status, attempt, params, params_version, queued_at) VALUES ($1, 'running', 1, $2, 0, now()) RETURNING id`,
      [RANDOM_PERIOD, params],
    );
    const run: RunRow = { id: rows[0].id, period: RANDOM_PERIOD, status: 'running', attempt: 1, params, startedBy: null };
    await referrals.honor(RANDOM_PERIOD);
    await engine.prepare(run, async () => undefined);
    for (let shard = 0; shard < params.shards; shard++) await engine.computeShard(run, shard);
    await engine.finalize(run);
    await t.db.pool.query(`UPDATE payout_runs SET status = 'approved', approved_at = now() WHERE id = $1`, [run.id]);
    return run.id;
  }

  it('equals the run with its own parameters, and the oracle with others, for 60 random months', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        changes,
        fc.boolean(),
        fc.nat(6),
        fc.boolean(),
        async (seed, changed, dropBoosts, every, withLive) => {
          const bundle = randomBundle(seed);
          const pairs = [...new Set(bundle.sessions.filter((x) => x.readerId !== null).map((x) => `${x.readerId}|${x.storyId}`))];
          // the run's own exclusions: every 5th pair from the second (none without `withLive`)
          const live = withLive ? pairs.filter((_, i) => i % 5 === 1) : [];
          const runId = await approvedRun(seed, live);
          const same = await simulations.simulate({ period: RANDOM_PERIOD });
          expect(await differencesFromRun(t.db.pool, same, runId)).toEqual([]);

          const without = dropBoosts ? bundle.boosts.slice(0, 1).map((b) => b.id) : [];
          // the simulation's own: every (every+1)th pair (none when every = 6)
          const own = new Set(every === 6 ? [] : pairs.filter((_, i) => i % (every + 1) === 0));
          const excluded = new Set([...own, ...live]);
          const id = await simulations.simulate({
            period: RANDOM_PERIOD,
            params: changed,
            withoutBoostIds: without,
            excludedPairs: [...own].map((p) => ({ memberId: p.split('|')[0]!, storyId: p.split('|')[1]! })),
          });
          const stored = await t.db.pool.query(`SELECT count(*)::int AS n FROM simulation_excluded_pairs WHERE simulation_id = $1`, [id]);
          expect(stored.rows[0].n).toBe(own.size);
          const expected = computeEarnings(
            {
              ...bundle,
              boosts: bundle.boosts.filter((b) => !without.includes(b.id)),
              sessions: bundle.sessions.filter((x) => x.readerId === null || !excluded.has(`${x.readerId}|${x.storyId}`)),
              engagements: bundle.engagements.filter((e) => !excluded.has(`${e.memberId}|${e.storyId}`)),
            },
            RANDOM_PERIOD,
            changed,
          );
          const { rows: stories } = await t.db.pool.query(
            `SELECT st.id, se.earnings_micros::text AS e, se.reading_time_micros::text AS rt, se.engagement_micros::text AS en,
                  se.read_ratio_adjustment_micros::text AS rra, se.follower_bonus_micros::text AS fb, se.boost_bonus_micros::text AS bb,
                  se.views, se.reads, se.boosted_readers
           FROM simulation_story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.simulation_id = $1`,
            [id],
          );
          for (const s of stories) {
            const o = expected.stories[s.id]!;
            expect({
              id: s.id,
              parts: [s.e, s.rt, s.en, s.rra, s.fb, s.bb].map(BigInt),
              views: s.views,
              reads: s.reads,
              boosted: s.boosted_readers,
            }).toEqual({
              id: s.id,
              parts: [o.earnings, o.readingTime, o.engagement, o.readRatioAdjustment, o.followerBonus, o.boostBonus],
              views: o.views,
              reads: o.reads,
              boosted: o.boostedReaders,
            });
          }
          for (const [sid, o] of Object.entries(expected.stories)) {
            if (!stories.some((s) => s.id === sid))
              expect({ sid, earnings: o.earnings, views: o.views }).toEqual({ sid, earnings: 0n, views: 0 });
          }
          const { rows: authors } = await t.db.pool.query(
            `SELECT au.id, sm.story_earnings_micros::text AS se, sm.balance_micros::text AS bal, sm.payout_cents::text AS pc, sm.status
           FROM simulation_statements sm JOIN members au ON au.key = sm.author_key WHERE sm.simulation_id = $1`,
            [id],
          );
          for (const a of authors) {
            expect({ id: a.id, se: BigInt(a.se) }).toEqual({ id: a.id, se: expected.authors[a.id]?.storyEarnings ?? 0n });
            if (a.status === 'payable') expect(BigInt(a.bal)).toBeGreaterThanOrEqual(BigInt(changed.minPayoutCents ?? 1000) * 10000n);
          }
          for (const [aid, o] of Object.entries(expected.authors))
            if (o.storyEarnings !== 0n) expect(authors.some((a) => a.id === aid)).toBe(true);
        },
      ),
      { numRuns: 60, seed: 20261203, endOnFailure: true },
    );
  }, 600_000);
});
