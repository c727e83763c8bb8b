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
import type { Bundle, ChargeRecord, FollowRecord, MemberRecord, SessionRecord, StoryRecord } from './bundle.js';

// ---------------------------------------------------------------------------
// Parameters

export interface Params {
  writerShareBps: number;
  qualifiedReadSeconds: number;
  sessionCapSeconds: number;
  readRatioOffsetBps: number;
  readRatioMinBps: number;
  readRatioMaxBps: number;
  clapPoints: number;
  highlightPoints: number;
  replyPoints: number;
  newFollowPoints: number;
  followerBps: number;
  boostBps: number;
  referralShareBps: number;
  referralCutoff: string;
  minPayoutCents: number;
  forfeitAfterDays: number;
  boostDays: number;
}

export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze({
  writerShareBps: 5000,
  qualifiedReadSeconds: 30,
  sessionCapSeconds: 1800,
  readRatioOffsetBps: 6000,
  readRatioMinBps: 5000,
  readRatioMaxBps: 15000,
  clapPoints: 60,
  highlightPoints: 60,
  replyPoints: 120,
  newFollowPoints: 180,
  followerBps: 12500,
  boostBps: 20000,
  referralShareBps: 5000,
  referralCutoff: '2023-09-01T00:00:00Z',
  minPayoutCents: 1000,
  forfeitAfterDays: 180,
  boostDays: 14,
});

// ---------------------------------------------------------------------------
// Result shapes

export interface Breakdown {
  readingTime: bigint;
  engagement: bigint;
  readRatioAdjustment: bigint;
  followerBonus: bigint;
  boostBonus: bigint;
}

export interface StoryResult extends Breakdown {
  earnings: bigint;
  views: number;
  reads: number;
  readRatioAdjustmentBps: number;
  memberReads: number;
  memberReadingSeconds: number;
  clappers: number;
  highlighters: number;
  repliers: number;
  newFollows: number;
  followerReaders: number;
  boostedReaders: number;
}

export interface AuthorResult {
  storyEarnings: bigint;
  referralEarnings: bigint;
}

export interface PairResult {
  memberId: string;
  storyId: string;
  base: number;
  timePoints: number;
  score: bigint;
  allocation: bigint;
  breakdown: Breakdown;
}

export interface EarningsResult {
  period: string;
  params: Params;
  totals: {
    pool: bigint;
    allocated: bigint;
    unallocated: bigint;
    referrals: bigint;
    /**
     * members with a contribution row: every known member with at least one paid
     * charge, even when none of it covers P (contribution 0). This is what the
     * expected results count (october-small: 421; only 396 have C > 0).
     */
    members: number;
    pairs: number;
  };
  /** every story of the bundle */
  stories: Record<string, StoryResult>;
  /** every story author and every honored referrer */
  authors: Record<string, AuthorResult>;
  /** ordered by (memberId, storyId) byte-wise */
  pairs: PairResult[];
  /** every known member with a paid charge → contribution to P (possibly 0) */
  contributions: Record<string, bigint>;
}

// ---------------------------------------------------------------------------
// Small helpers

/** Byte-wise order of id strings (UTF-8 bytes, like COLLATE "C"). */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/** An ISO 8601 timestamp with offset → microseconds since the epoch (UTC). */
export function parseInstant(ts: string): number {
  const m = INSTANT_RE.exec(ts.trim());
  if (!m) {
    const ms = Date.parse(ts);
    if (Number.isNaN(ms)) throw new Error(`bad timestamp: ${ts}`);
    return ms * 1000;
  }
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const micros = frac ? Number((frac + '000000').slice(0, 6)) : 0;
  let offsetMinutes = 0;
  if (off !== 'Z' && off !== 'z') {
    const sign = off!.startsWith('-') ? -1 : 1;
    const digits = off!.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  return (wallMs - offsetMinutes * 60_000) * 1000 + micros;
}

/** `YYYY-MM` → month number (year × 12 + month − 1). */
export function monthIndex(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`bad month: ${month}`);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new Error(`bad month: ${month}`);
  return Number(m[1]) * 12 + mo - 1;
}

interface Period {
  month: number;
  /** first instant, µs */
  start: number;
  /** first instant of the next month, µs */
  end: number;
}

/** A period is the UTC calendar month [first instant, first instant of next month). */
function periodOf(period: string): Period {
  const month = monthIndex(period);
  const y = Math.floor(month / 12);
  const mo = month % 12;
  return { month, start: Date.UTC(y, mo, 1) * 1000, end: Date.UTC(y, mo + 1, 1) * 1000 };
}

function inPeriod(p: Period, t: number): boolean {
  return p.start <= t && t < p.end;
}

/** Half-open [start, end) with a null end open. */
function contains(start: string, end: string | null | undefined, t: number): boolean {
  return parseInstant(start) <= t && (end == null || t < parseInstant(end));
}

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const bps = (n: number): bigint => BigInt(n);

/**
 * Steps 1 and 8: the part of `total` (any unit) a charge assigns to month `month`.
 * monthly: all of it to `coversFrom`; annual: month k (0..11) from `coversFrom`
 * gets `total // 12`, plus 1 if `k < total mod 12`.
 */
export function coveredAmount(total: bigint, plan: ChargeRecord['plan'], coversFrom: string, month: number): bigint {
  const k = month - monthIndex(coversFrom);
  if (plan === 'monthly') return k === 0 ? total : 0n;
  if (k < 0 || k > 11) return 0n;
  return total / 12n + (BigInt(k) < total % 12n ? 1n : 0n);
}

// ---------------------------------------------------------------------------
// Step 1: member contributions (the pool)
// Every known member with a paid charge gets an entry, 0 when no charge covers P.

function computeContributions(bundle: Bundle, p: Period, params: Params, members: Map<string, MemberRecord>): Map<string, bigint> {
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

interface EligibleSession {
  memberId: string;
  storyId: string;
  authorId: string;
  t: number;
  activeSeconds: number;
}

function eligibleSessions(
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

interface ReadRatio {
  views: number;
  reads: number;
  adjBps: number;
}

function readRatios(
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

interface Pair {
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

const pairKey = (memberId: string, storyId: string): string => `${memberId}\u0000${storyId}`;

function buildPairs(
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

function earliestFollow(follows: readonly FollowRecord[]): FollowRecord {
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
function allocate(contributions: Map<string, bigint>, pairs: Map<string, Pair>, members: Map<string, MemberRecord>): bigint {
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

function zeroBreakdown(): Breakdown {
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
function floorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

// ---------------------------------------------------------------------------
// Step 8: legacy referral earnings (µ$ per referrer for the period)

function computeReferrals(bundle: Bundle, p: Period, params: Params): Map<string, bigint> {
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
