// Reference implementation (test oracle) of the monthly earnings formula,
// spec/earnings.md steps 1–8. Pure TypeScript, BigInt for money, written for
// clarity rather than speed: tests run it on small random datasets and compare
// its output with the SQL implementation, to the micro-dollar.
//
// Conventions (spec "Units and conventions"):
// - money is bigint micro-dollars (µ$); multipliers are integer basis points;
// - `//` is floor division: all operands here are non-negative except where the
//   spec says otherwise, and BigInt `/` truncates, which is the same for them;
// - instants are compared as integer microseconds since the epoch (UTC);
// - intervals are half-open [start, end), a null end is open;
// - ids are ordered byte-wise (UTF-8 bytes, Postgres COLLATE "C").
// Records that reference unknown ids (a session of an unknown story, a charge of
// an unknown member) are ignored.
import type { Bundle } from './bundle.js';
import { compareIds, periodOf } from './oracle-helpers.js';
import { DEFAULT_PARAMS, type AuthorResult, type EarningsResult, type Params, type StoryResult } from './oracle-model.js';
import {
  allocate,
  breakdownOf,
  buildPairs,
  computeContributions,
  computeReferrals,
  eligibleSessions,
  readRatios,
  zeroBreakdown,
} from './oracle-steps.js';

export * from './oracle-model.js';
export { compareIds, coveredAmount, monthIndex, parseInstant } from './oracle-helpers.js';
export { breakdownOf } from './oracle-steps.js';

export function computeEarnings(bundle: Bundle, period: string, params: Partial<Params> = {}): EarningsResult {
  const prm: Params = { ...DEFAULT_PARAMS, ...params };
  const p = periodOf(period);
  const members = new Map(bundle.members.map((m) => [m.id, m]));
  const stories = new Map(bundle.stories.map((s) => [s.id, s]));

  const contributions = computeContributions(bundle, p, prm, members); // step 1
  const eligible = eligibleSessions(bundle, p, prm, members, stories); // step 2
  const ratios = readRatios(bundle.sessions, p, prm, stories); // step 3
  const pairs = buildPairs(bundle, p, prm, eligible, ratios); // step 4
  const unallocated = allocate(contributions, pairs, members); // step 5
  for (const pair of pairs.values()) {
    // step 6
    pair.breakdown = breakdownOf(
      pair.allocation,
      pair.base,
      pair.timePoints,
      pair.adjBps,
      pair.follower ? prm.followerBps : 10000,
      pair.boosted ? prm.boostBps : 10000,
    );
  }

  // step 7: story statistics and sums of the pairs
  const storyResults: Record<string, StoryResult> = {};
  for (const id of [...stories.keys()].sort(compareIds)) {
    const r = ratios.get(id)!;
    storyResults[id] = {
      earnings: 0n,
      ...zeroBreakdown(),
      views: r.views,
      reads: r.reads,
      readRatioAdjustmentBps: r.adjBps,
      memberReads: 0,
      memberReadingSeconds: 0,
      clappers: 0,
      highlighters: 0,
      repliers: 0,
      newFollows: 0,
      followerReaders: 0,
      boostedReaders: 0,
    };
  }
  const sortedPairs = [...pairs.values()].sort((a, b) => compareIds(a.memberId, b.memberId) || compareIds(a.storyId, b.storyId));
  for (const pair of sortedPairs) {
    const s = storyResults[pair.storyId]!;
    s.earnings += pair.allocation;
    s.readingTime += pair.breakdown.readingTime;
    s.engagement += pair.breakdown.engagement;
    s.readRatioAdjustment += pair.breakdown.readRatioAdjustment;
    s.followerBonus += pair.breakdown.followerBonus;
    s.boostBonus += pair.breakdown.boostBonus;
    s.memberReads += pair.sessions.length;
    s.memberReadingSeconds += pair.timePoints;
    if (pair.clap) s.clappers++;
    if (pair.highlight) s.highlighters++;
    if (pair.reply) s.repliers++;
    if (pair.newFollow) s.newFollows++;
    if (pair.follower) s.followerReaders++;
    if (pair.boosted) s.boostedReaders++;
  }

  // step 8 and the per-author sums
  const referrals = computeReferrals(bundle, p, prm);
  const authorIds = new Set<string>([...bundle.stories.map((s) => s.authorId), ...referrals.keys()]);
  const authors: Record<string, AuthorResult> = {};
  for (const id of [...authorIds].sort(compareIds)) {
    authors[id] = { storyEarnings: 0n, referralEarnings: referrals.get(id) ?? 0n };
  }
  for (const story of stories.values()) authors[story.authorId]!.storyEarnings += storyResults[story.id]!.earnings;

  const contributionsOut: Record<string, bigint> = {};
  let pool = 0n;
  for (const id of [...contributions.keys()].sort(compareIds)) {
    const c = contributions.get(id)!;
    pool += c;
    contributionsOut[id] = c;
  }
  const allocated = sortedPairs.reduce((sum, x) => sum + x.allocation, 0n);
  const referralTotal = [...referrals.values()].reduce((sum, x) => sum + x, 0n);

  return {
    period,
    params: prm,
    totals: {
      pool,
      allocated,
      unallocated,
      referrals: referralTotal,
      members: Object.keys(contributionsOut).length,
      pairs: sortedPairs.length,
    },
    stories: storyResults,
    authors,
    pairs: sortedPairs.map((x) => ({
      memberId: x.memberId,
      storyId: x.storyId,
      base: x.base,
      timePoints: x.timePoints,
      score: x.score,
      allocation: x.allocation,
      breakdown: x.breakdown,
    })),
    contributions: contributionsOut,
  };
}
