// The earnings oracle's steps 1–6 and the referral credits (spec/earnings.md), composed by earnings-oracle.ts.
import type { Bundle, FollowRecord, MemberRecord, SessionRecord, StoryRecord } from './bundle.js';
import { bps, compareIds, contains, coveredAmount, groupBy, inPeriod, parseInstant, type Period } from './oracle-helpers.js';
import type { Breakdown, Params } from './oracle-model.js';

export function computeContributions(bundle: Bundle, p: Period, params: Params, members: Map<string, MemberRecord>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const c of bundle.charges) {
    if (c.status !== 'paid' || !members.has(c.memberId)) continue;
    const net = BigInt(c.netCents) * 10000n;
    const covered = coveredAmount(net, c.plan, c.coversFrom, p.month);
    // the writer-share division is done per charge
    const share = (covered * bps(params.writerShareBps)) / 10000n;
    out.set(c.memberId, (out.get(c.memberId) ?? 0n) + share);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Step 2: eligible qualified sessions

export interface EligibleSession {
  memberId: string;
  storyId: string;
  authorId: string;
  t: number;
  activeSeconds: number;
}

export function eligibleSessions(
  bundle: Bundle,
  p: Period,
  params: Params,
  members: Map<string, MemberRecord>,
  stories: Map<string, StoryRecord>,
): EligibleSession[] {
  const membershipsOf = groupBy(bundle.memberships, (m) => m.memberId);
  const enrollmentsOf = groupBy(bundle.enrollments, (e) => e.memberId);
  const out: EligibleSession[] = [];
  for (const s of bundle.sessions) {
    const story = stories.get(s.storyId);
    if (!story) continue; // unknown story: ignored
    const t = parseInstant(s.startedAt);
    if (!inPeriod(p, t)) continue;
    // 1. qualified read
    if (s.activeSeconds < params.qualifiedReadSeconds) continue;
    // 2. known member, not the author, not excluded
    if (s.readerId == null) continue;
    const member = members.get(s.readerId);
    if (!member || member.id === story.authorId || member.earningsExcluded === true) continue;
    // 3. a membership of M contains t
    const ms = membershipsOf.get(member.id) ?? [];
    if (!ms.some((m) => contains(m.startedAt, m.endedAt, t))) continue;
    // 4. members-only story
    if (story.membersOnly !== true) continue;
    // 5. an enrollment of the author contains t
    const en = enrollmentsOf.get(story.authorId) ?? [];
    if (!en.some((e) => contains(e.enrolledAt, e.leftAt, t))) continue;
    out.push({ memberId: member.id, storyId: story.id, authorId: story.authorId, t, activeSeconds: s.activeSeconds });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Step 3: the story's read ratio adjustment

export interface ReadRatio {
  views: number;
  reads: number;
  adjBps: number;
}

export function readRatios(
  sessions: readonly SessionRecord[],
  p: Period,
  params: Params,
  stories: Map<string, StoryRecord>,
): Map<string, ReadRatio> {
  const out = new Map<string, ReadRatio>();
  for (const id of stories.keys()) out.set(id, { views: 0, reads: 0, adjBps: 0 });
  for (const s of sessions) {
    const story = stories.get(s.storyId);
    if (!story) continue;
    if (!inPeriod(p, parseInstant(s.startedAt))) continue;
    if (s.readerId != null && s.readerId === story.authorId) continue; // author's own views
    const r = out.get(story.id)!;
    r.views++;
    if (s.activeSeconds >= params.qualifiedReadSeconds) r.reads++;
  }
  for (const r of out.values()) {
    const rrBps = r.views === 0 ? 0 : Math.floor((10000 * r.reads) / r.views);
    r.adjBps = Math.min(Math.max(params.readRatioOffsetBps + rrBps, params.readRatioMinBps), params.readRatioMaxBps);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Step 4: points of a pair

export interface Pair {
  memberId: string;
  storyId: string;
  authorId: string;
  sessions: EligibleSession[];
  t0: number;
  timePoints: number;
  clap: boolean;
  highlight: boolean;
  reply: boolean;
  newFollow: boolean;
  follower: boolean;
  boosted: boolean;
  adjBps: number;
  base: number;
  score: bigint;
  allocation: bigint;
  breakdown: Breakdown;
}

export const pairKey = (memberId: string, storyId: string): string => `${memberId}\u0000${storyId}`;

export function buildPairs(
  bundle: Bundle,
  p: Period,
  params: Params,
  eligible: readonly EligibleSession[],
  ratios: Map<string, ReadRatio>,
): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const s of eligible) {
    const key = pairKey(s.memberId, s.storyId);
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        memberId: s.memberId,
        storyId: s.storyId,
        authorId: s.authorId,
        sessions: [],
        t0: s.t,
        timePoints: 0,
        clap: false,
        highlight: false,
        reply: false,
        newFollow: false,
        follower: false,
        boosted: false,
        adjBps: ratios.get(s.storyId)!.adjBps,
        base: 0,
        score: 0n,
        allocation: 0n,
        breakdown: zeroBreakdown(),
      };
      pairs.set(key, pair);
    }
    pair.sessions.push(s);
    pair.t0 = Math.min(pair.t0, s.t);
    // time points: capped seconds of each eligible qualified session
    pair.timePoints += Math.min(s.activeSeconds, params.sessionCapSeconds);
  }

  // engagement points: once per kind per pair, engagements in P only
  for (const g of bundle.engagements) {
    const pair = pairs.get(pairKey(g.memberId, g.storyId));
    if (!pair || !inPeriod(p, parseInstant(g.occurredAt))) continue;
    if (g.kind === 'clap') pair.clap = true;
    else if (g.kind === 'highlight') pair.highlight = true;
    else if (g.kind === 'reply') pair.reply = true;
  }

  // new follow: the earliest follow record of M → author (by followedAt, then id);
  // if it lies in P, one pair of M with that author gets the points: the one whose
  // eligible session started latest at or before followedAt (ties: smallest story id)
  const followsOf = groupBy(bundle.follows, (f) => pairKey(f.followerId, f.followeeId));
  const sessionsByMemberAuthor = groupBy(eligible, (s) => pairKey(s.memberId, s.authorId));
  for (const [key, sessions] of sessionsByMemberAuthor) {
    const follows = followsOf.get(key);
    if (!follows) continue;
    const first = earliestFollow(follows);
    const followedAt = parseInstant(first.followedAt);
    if (!inPeriod(p, followedAt)) continue;
    let best: EligibleSession | undefined;
    for (const s of sessions) {
      if (s.t > followedAt) continue;
      if (!best || s.t > best.t || (s.t === best.t && compareIds(s.storyId, best.storyId) < 0)) best = s;
    }
    if (best) pairs.get(pairKey(best.memberId, best.storyId))!.newFollow = true;
  }

  // multipliers judged at t0, then base and score
  const boostsOf = groupBy(bundle.boosts, (b) => b.storyId);
  for (const pair of pairs.values()) {
    const follows = followsOf.get(pairKey(pair.memberId, pair.authorId)) ?? [];
    pair.follower = follows.some((f) => contains(f.followedAt, f.unfollowedAt, pair.t0));
    const boosts = boostsOf.get(pair.storyId) ?? [];
    pair.boosted = boosts.some((b) => contains(b.startsAt, b.endsAt, pair.t0));
    pair.base =
      pair.timePoints +
      (pair.clap ? params.clapPoints : 0) +
      (pair.highlight ? params.highlightPoints : 0) +
      (pair.reply ? params.replyPoints : 0) +
      (pair.newFollow ? params.newFollowPoints : 0);
    pair.score =
      BigInt(pair.base) * bps(pair.adjBps) * bps(pair.follower ? params.followerBps : 10000) * bps(pair.boosted ? params.boostBps : 10000);
  }
  return pairs;
}

export function earliestFollow(follows: readonly FollowRecord[]): FollowRecord {
  let first = follows[0]!;
  let firstAt = parseInstant(first.followedAt);
  for (const f of follows.slice(1)) {
    const at = parseInstant(f.followedAt);
    if (at < firstAt || (at === firstAt && compareIds(f.id, first.id) < 0)) {
      first = f;
      firstAt = at;
    }
  }
  return first;
}

// ---------------------------------------------------------------------------
// Step 5: allocating each member's contribution

/** Returns the unallocated total; sets `allocation` on every pair. */
export function allocate(contributions: Map<string, bigint>, pairs: Map<string, Pair>, members: Map<string, MemberRecord>): bigint {
  const pairsOf = groupBy([...pairs.values()], (x) => x.memberId);
  let unallocated = 0n;
  for (const [memberId, c] of contributions) {
    if (c <= 0n) continue;
    const own = pairsOf.get(memberId) ?? [];
    const total = own.reduce((sum, x) => sum + x.score, 0n);
    if (members.get(memberId)?.earningsExcluded === true || total === 0n) {
      unallocated += c;
      continue;
    }
    let sum = 0n;
    const rests: { pair: Pair; rest: bigint }[] = [];
    for (const pair of own) {
      pair.allocation = (c * pair.score) / total;
      sum += pair.allocation;
      rests.push({ pair, rest: (c * pair.score) % total });
    }
    // remainder: 1 µ$ each to the pairs with the largest rest, ties by smallest story id
    rests.sort((a, b) => (a.rest !== b.rest ? (a.rest > b.rest ? -1 : 1) : compareIds(a.pair.storyId, b.pair.storyId)));
    let r = c - sum;
    for (let i = 0; r > 0n; i++, r--) rests[i]!.pair.allocation += 1n;
  }
  return unallocated;
}

// ---------------------------------------------------------------------------
// Step 6: the breakdown of a pair's allocation

export function zeroBreakdown(): Breakdown {
  return { readingTime: 0n, engagement: 0n, readRatioAdjustment: 0n, followerBonus: 0n, boostBonus: 0n };
}

/** Peels the multipliers off `a` in the spec's fixed order. */
export function breakdownOf(a: bigint, base: number, timePoints: number, adjBps: number, followerBps: number, boostBps: number): Breakdown {
  const boostBonus = a - (a * 10000n) / bps(boostBps);
  const a1 = a - boostBonus;
  const followerBonus = a1 - (a1 * 10000n) / bps(followerBps);
  const a2 = a1 - followerBonus;
  const readRatioAdjustment = a2 - floorDiv(a2 * 10000n, bps(adjBps));
  const a3 = a2 - readRatioAdjustment;
  const engagement = floorDiv(a3 * BigInt(base - timePoints), BigInt(base));
  const readingTime = a3 - engagement;
  return { readingTime, engagement, readRatioAdjustment, followerBonus, boostBonus };
}

/** Floor division for bigint (rounds toward negative infinity). */
export function floorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

// ---------------------------------------------------------------------------
// Step 8: legacy referral earnings (µ$ per referrer for the period)

export function computeReferrals(bundle: Bundle, p: Period, params: Params): Map<string, bigint> {
  const cutoff = parseInstant(params.referralCutoff);
  const chargesOf = groupBy(bundle.charges, (c) => c.memberId);
  const out = new Map<string, bigint>();
  for (const ref of bundle.referrals) {
    if (parseInstant(ref.referredAt) >= cutoff) continue; // never honored
    let cents = 0n;
    for (const c of chargesOf.get(ref.referredMemberId) ?? []) {
      if (c.status !== 'paid') continue;
      const total = (BigInt(c.netCents) * bps(params.referralShareBps)) / 10000n;
      cents += coveredAmount(total, c.plan, c.coversFrom, p.month);
    }
    out.set(ref.referrerId, (out.get(ref.referrerId) ?? 0n) + cents * 10000n);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Steps 1–8 for one period
