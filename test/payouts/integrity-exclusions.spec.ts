import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_EARNINGS_PARAMETERS } from '../../libs/payouts/src/earnings-parameters.js';
import type { Bundle } from '../oracle/bundle.js';
import { computeEarnings } from '../oracle/earnings-oracle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { IntegrityRunDriver } from './integrity-run.js';
import { RANDOM_PERIOD, randomBundle } from './random-bundle.js';

/** The bundle without the sessions and engagements of the excluded (member id, story id) pairs. */
function withoutPairs(b: Bundle, pairs: Set<string>): Bundle {
  return {
    ...b,
    sessions: b.sessions.filter((s) => s.readerId === null || !pairs.has(`${s.readerId}|${s.storyId}`)),
    engagements: b.engagements.filter((e) => !pairs.has(`${e.memberId}|${e.storyId}`)),
  };
}

/** Acceptance 2 of issue 18: an exclusion is exact. */
describe('integrity exclusions in the payout run', () => {
  let t: TestApp;
  let run: IntegrityRunDriver;

  beforeAll(async () => {
    t = await startTestApp();
    run = new IntegrityRunDriver(t);
  });
  afterAll(() => t.close());

  async function excludeRandom(seed: number, pick: number[]): Promise<{ bundle: Bundle; excluded: Set<string> }> {
    const bundle = randomBundle(seed);
    await run.load(bundle);
    const keys = await run.keys();
    // candidate pairs: every (reader, story) with a session or an engagement, and one pair nobody read
    const candidates = [
      ...new Set([
        ...bundle.sessions.filter((s) => s.readerId !== null).map((s) => `${s.readerId}|${s.storyId}`),
        ...bundle.engagements.map((e) => `${e.memberId}|${e.storyId}`),
      ]),
    ].sort();
    const excluded = new Set(candidates.filter((_, i) => pick.includes(i % 7)));
    const pairs = [...excluded].map((p) => {
      const [m, s] = p.split('|');
      return { memberKey: keys.member.get(m!)!, storyKey: keys.story.get(s!)! };
    });
    await run.dataSource.transaction((m) => run.actions.exclude(m, { period: RANDOM_PERIOD, decisionRef: `d-${seed}`, pairs }));
    return { bundle, excluded };
  }

  it('equals the oracle on the data without the excluded sessions and engagements, for 60 random months', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(1, 3),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
        async (seed, shards, pick) => {
          const { bundle, excluded } = await excludeRandom(seed, pick);
          const runId = await run.compute(RANDOM_PERIOD, { ...DEFAULT_EARNINGS_PARAMETERS, shards });
          const expected = computeEarnings(withoutPairs(bundle, excluded), RANDOM_PERIOD);
          const {
            rows: [r],
          } = await t.db.pool.query(
            `SELECT pool_micros::text AS pool, allocated_micros::text AS allocated, unallocated_micros::text AS unallocated,
                    referral_micros::text AS referrals, member_count AS members, pair_count AS pairs, status, decision_refs AS refs
             FROM payout_runs WHERE id = $1`,
            [runId],
          );
          expect(r.status).toBe('computed');
          expect(r.refs).toEqual(excluded.size ? [`d-${seed}`] : []);
          expect({
            pool: BigInt(r.pool),
            allocated: BigInt(r.allocated),
            unallocated: BigInt(r.unallocated),
            referrals: BigInt(r.referrals),
            members: r.members,
            pairs: r.pairs,
          }).toEqual(expected.totals);
          expect(BigInt(r.pool)).toBe(BigInt(r.allocated) + BigInt(r.unallocated));

          const { rows: stories } = await t.db.pool.query(
            `SELECT st.id, se.earnings_micros::text AS earnings, se.reading_time_micros::text AS "readingTime",
                    se.engagement_micros::text AS engagement, se.read_ratio_adjustment_micros::text AS "readRatioAdjustment",
                    se.follower_bonus_micros::text AS "followerBonus", se.boost_bonus_micros::text AS "boostBonus",
                    se.views, se.reads, se.read_ratio_adjustment_bps AS "readRatioAdjustmentBps", se.member_reads AS "memberReads",
                    se.member_reading_seconds::int AS "memberReadingSeconds", se.clappers, se.highlighters, se.repliers,
                    se.new_follows AS "newFollows", se.follower_readers AS "followerReaders", se.boosted_readers AS "boostedReaders"
             FROM story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.run_id = $1`,
            [runId],
          );
          const money = ['earnings', 'readingTime', 'engagement', 'readRatioAdjustment', 'followerBonus', 'boostBonus'];
          for (const s of stories) {
            const got = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, money.includes(k) ? BigInt(v as string) : v]));
            expect(got).toEqual({ id: s.id, ...expected.stories[s.id] });
          }
          for (const [id, o] of Object.entries(expected.stories)) {
            if (!stories.some((s) => s.id === id))
              expect({ id, earnings: o.earnings, views: o.views }).toEqual({ id, earnings: 0n, views: 0 });
          }

          const { rows: statements } = await t.db.pool.query(
            `SELECT au.id, sm.story_earnings_micros::text AS story, sm.referral_earnings_micros::text AS referral
             FROM statements sm JOIN members au ON au.key = sm.author_key WHERE sm.run_id = $1`,
            [runId],
          );
          for (const s of statements) {
            const a = expected.authors[s.id] ?? { storyEarnings: 0n, referralEarnings: 0n };
            expect({ id: s.id, story: BigInt(s.story), referral: BigInt(s.referral) }).toEqual({
              id: s.id,
              story: a.storyEarnings,
              referral: a.referralEarnings,
            });
          }
          for (const [id, a] of Object.entries(expected.authors)) {
            if (a.storyEarnings !== 0n || a.referralEarnings !== 0n) expect(statements.some((s) => s.id === id)).toBe(true);
          }
          // what the excluded reading would have earned: only excluded pairs' stories, never more than those members paid
          const { rows: effects } = await t.db.pool.query(
            `SELECT st.id, x.amount_micros::text AS amount FROM story_exclusion_effects x JOIN stories st ON st.key = x.story_key WHERE x.run_id = $1`,
            [runId],
          );
          const excludedMembers = new Set([...excluded].map((p) => p.split('|')[0]!));
          const paid = [...excludedMembers].reduce((sum, m) => sum + (expected.contributions[m] ?? 0n), 0n);
          const effectSum = effects.reduce((sum, e) => sum + BigInt(e.amount), 0n);
          expect(effects.every((e) => [...excluded].some((p) => p.endsWith(`|${e.id}`)) && BigInt(e.amount) >= 0n)).toBe(true);
          expect(effectSum <= paid).toBe(true);
        },
      ),
      { numRuns: 60, seed: 20261203, endOnFailure: true },
    );
  }, 600_000);

  it('a decision after the run was computed makes it stale; revoking it makes it current again', async () => {
    const { bundle } = await excludeRandom(7, []);
    const runId = await run.compute(RANDOM_PERIOD);
    expect(await run.staleness(runId, RANDOM_PERIOD)).toEqual([]);
    const keys = await run.keys();
    const session = bundle.sessions.find((s) => s.readerId !== null)!;
    const pair = { memberKey: keys.member.get(session.readerId!)!, storyKey: keys.story.get(session.storyId)! };
    const exclude = () =>
      run.dataSource.transaction((m) => run.actions.exclude(m, { period: RANDOM_PERIOD, decisionRef: 'late', pairs: [pair] }));
    expect(await exclude()).toEqual({ excluded: 1 });
    expect(await exclude()).toEqual({ excluded: 0 }); // a repeat changes nothing
    expect(await run.staleness(runId, RANDOM_PERIOD)).toEqual([
      "the period's adjustments, referral credits, integrity exclusions or holds changed",
    ]);
    const recomputed = await run.compute(RANDOM_PERIOD);
    expect(await run.staleness(recomputed, RANDOM_PERIOD)).toEqual([]);
    const { rows } = await t.db.pool.query(`SELECT decision_refs AS refs FROM payout_runs WHERE id = $1`, [recomputed]);
    expect(rows[0].refs).toEqual(['late']);

    const revoke = () => run.dataSource.transaction((m) => run.actions.revokeExclusion(m, 'late'));
    expect(await revoke()).toEqual({ revoked: 1 });
    expect(await revoke()).toEqual({ revoked: 0 });
    expect(await run.staleness(recomputed, RANDOM_PERIOD)).toEqual([
      "the period's adjustments, referral credits, integrity exclusions or holds changed",
    ]);
    expect(await exclude()).toEqual({ excluded: 1 }); // the same decision again: live again, the run current
    expect(await run.staleness(recomputed, RANDOM_PERIOD)).toEqual([]);
  });

  it('refuses a period whose run is approved or paid (409 naming the rule), and bad input (400 naming the field)', async () => {
    const { bundle } = await excludeRandom(11, []);
    const runId = await run.compute(RANDOM_PERIOD);
    const keys = await run.keys();
    const session = bundle.sessions.find((s) => s.readerId !== null)!;
    const pairs = [{ memberKey: keys.member.get(session.readerId!)!, storyKey: keys.story.get(session.storyId)! }];
    await run.dataSource.transaction((m) => run.actions.exclude(m, { period: RANDOM_PERIOD, decisionRef: 'before', pairs }));
    await t.db.pool.query(`UPDATE payout_runs SET status = 'approved' WHERE id = $1`, [runId]);
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { getStatus(): number; getResponse(): unknown }) => ({ status: e.getStatus(), body: e.getResponse() }),
      );
    expect(
      await refused(run.dataSource.transaction((m) => run.actions.exclude(m, { period: RANDOM_PERIOD, decisionRef: 'after', pairs }))),
    ).toMatchObject({
      status: 422,
      body: { details: { rule: 'integrity_run_final', period: RANDOM_PERIOD } },
    });
    expect(await refused(run.dataSource.transaction((m) => run.actions.revokeExclusion(m, 'before')))).toMatchObject({
      status: 422,
      body: { details: { rule: 'integrity_run_final' } },
    });
    expect(
      await refused(run.dataSource.transaction((m) => run.actions.exclude(m, { period: '2026-13', decisionRef: 'x', pairs }))),
    ).toMatchObject({
      status: 400,
      body: { details: [{ field: 'period' }] },
    });
    expect(
      await refused(
        run.dataSource.transaction((m) =>
          run.actions.exclude(m, { period: RANDOM_PERIOD, decisionRef: 'x', pairs: [{ memberKey: 1.5, storyKey: 1 }] }),
        ),
      ),
    ).toMatchObject({ status: 400, body: { details: [{ field: 'pairs.0' }] } });
    // a key beyond PostgreSQL's integer is a 400 naming the pair, not a failed cast (500)
    expect(
      await refused(
        run.dataSource.transaction((m) =>
          run.actions.exclude(m, { period: RANDOM_PERIOD, decisionRef: 'x', pairs: [{ memberKey: 1, storyKey: 2 ** 31 }] }),
        ),
      ),
    ).toMatchObject({ status: 400, body: { details: [{ field: 'pairs.0' }] } });
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM earnings_exclusions WHERE decision_ref <> 'before'`);
    expect(rows[0].n).toBe(0);
  });
});
