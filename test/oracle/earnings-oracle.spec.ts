// The oracle must reproduce the example bundles' expected results exactly
// (spec/earnings.md, examples/README.md) before it may judge the SQL implementation.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyBundle, loadBundle, type Bundle } from './bundle.js';
import { DEFAULT_PARAMS, compareIds, computeEarnings, parseInstant, type EarningsResult } from './earnings-oracle.js';
import { EXAMPLES_DIR } from '../support/examples.js';

const PERIOD = '2026-10';

function examplesDir(): string {
  return EXAMPLES_DIR;
}

const MONEY_STORY_FIELDS = ['earnings', 'readingTime', 'engagement', 'readRatioAdjustment', 'followerBonus', 'boostBonus'];
const STAT_STORY_FIELDS = [
  'views',
  'reads',
  'readRatioAdjustmentBps',
  'memberReads',
  'memberReadingSeconds',
  'clappers',
  'highlighters',
  'repliers',
  'newFollows',
  'followerReaders',
  'boostedReaders',
];

interface Expected {
  period: string;
  totals: Record<string, number>;
  stories: Record<string, Record<string, number>>;
  authors: Record<string, { storyEarnings: number; referralEarnings: number }>;
}

function readExpected(dir: string): Expected {
  return JSON.parse(readFileSync(join(dir, `expected-${PERIOD}.json`), 'utf8')) as Expected;
}

function checkAgainstExpected(result: EarningsResult, expected: Expected): void {
  expect(expected.period).toBe(PERIOD);

  expect(result.totals).toEqual({
    pool: BigInt(expected.totals.pool!),
    allocated: BigInt(expected.totals.allocated!),
    unallocated: BigInt(expected.totals.unallocated!),
    referrals: BigInt(expected.totals.referrals!),
    members: expected.totals.members,
    pairs: expected.totals.pairs,
  });

  // every story, every field; stories without pairs are listed in the expected
  // file with earnings, views, reads and readRatioAdjustmentBps only: the other
  // fields must then be zero
  expect(Object.keys(result.stories).sort()).toEqual(Object.keys(expected.stories).sort());
  for (const [id, exp] of Object.entries(expected.stories)) {
    const got = result.stories[id]! as unknown as Record<string, bigint | number>;
    const want: Record<string, bigint | number> = {};
    const have: Record<string, bigint | number> = {};
    for (const f of MONEY_STORY_FIELDS) {
      want[f] = BigInt(exp[f] ?? 0);
      have[f] = got[f]!;
    }
    for (const f of STAT_STORY_FIELDS) {
      want[f] = exp[f] ?? 0;
      have[f] = got[f]!;
    }
    if (!('memberReads' in exp)) expect({ id, memberReads: got.memberReads }).toEqual({ id, memberReads: 0 });
    expect({ id, ...have }).toEqual({ id, ...want });
  }

  // every expected author; the oracle also lists story authors without earnings,
  // which the expected file leaves out: those must be all zero
  for (const [id, exp] of Object.entries(expected.authors)) {
    expect({ id, ...result.authors[id] }).toEqual({
      id,
      storyEarnings: BigInt(exp.storyEarnings),
      referralEarnings: BigInt(exp.referralEarnings),
    });
  }
  for (const [id, got] of Object.entries(result.authors)) {
    if (id in expected.authors) continue;
    expect({ id, ...got }).toEqual({ id, storyEarnings: 0n, referralEarnings: 0n });
  }
}

/** Invariants that hold on any data (spec steps 5 and 6). */
function checkInvariants(result: EarningsResult): void {
  const { totals } = result;
  expect(totals.pool).toBe(totals.allocated + totals.unallocated);
  expect(Object.values(result.contributions).reduce((a, b) => a + b, 0n)).toBe(totals.pool);

  const byMember = new Map<string, bigint>();
  for (const pair of result.pairs) {
    const b = pair.breakdown;
    expect(b.readingTime + b.engagement + b.readRatioAdjustment + b.followerBonus + b.boostBonus).toBe(pair.allocation);
    byMember.set(pair.memberId, (byMember.get(pair.memberId) ?? 0n) + pair.allocation);
  }
  for (const [memberId, sum] of byMember) {
    if (sum > 0n) expect({ memberId, sum }).toEqual({ memberId, sum: result.contributions[memberId] });
  }

  const storySum = Object.values(result.stories).reduce((a, s) => a + s.earnings, 0n);
  expect(storySum).toBe(totals.allocated);
  const authorStorySum = Object.values(result.authors).reduce((a, x) => a + x.storyEarnings, 0n);
  expect(authorStorySum).toBe(totals.allocated);
  const authorRefSum = Object.values(result.authors).reduce((a, x) => a + x.referralEarnings, 0n);
  expect(authorRefSum).toBe(totals.referrals);

  // pairs are ordered byte-wise by (memberId, storyId)
  for (let i = 1; i < result.pairs.length; i++) {
    const a = result.pairs[i - 1]!;
    const b = result.pairs[i]!;
    expect(compareIds(a.memberId, b.memberId) || compareIds(a.storyId, b.storyId)).toBeLessThan(0);
  }
}

describe('earnings oracle: example bundles', () => {
  const dir = examplesDir();

  for (const name of ['worked-example', 'october-small']) {
    it(`${name} matches expected-${PERIOD}.json exactly`, () => {
      const result = computeEarnings(loadBundle(join(dir, name)), PERIOD);
      checkAgainstExpected(result, readExpected(join(dir, name)));
      checkInvariants(result);
    });
  }

  it('october-small: `members` counts members with a paid charge, not only C > 0', () => {
    const result = computeEarnings(loadBundle(join(dir, 'october-small')), PERIOD);
    const contributions = Object.values(result.contributions);
    expect(contributions.length).toBe(421);
    expect(contributions.filter((c) => c > 0n).length).toBe(396);
  });
});

describe('earnings oracle: the worked example in earnings.md', () => {
  const result = computeEarnings(loadBundle(join(examplesDir(), 'worked-example')), PERIOD);
  const pair = (m: string, s: string) => result.pairs.find((x) => x.memberId === m && x.storyId === s)!;

  it('step 1: contributions and pool', () => {
    expect(result.contributions).toEqual({ r1: 2_275_000n, r2: 2_010_416n });
    expect(result.totals.pool).toBe(4_285_416n);
    expect(result.totals.members).toBe(2);
  });

  it('step 3: read ratio adjustments', () => {
    expect(result.stories.s1).toMatchObject({ views: 2, reads: 1, readRatioAdjustmentBps: 11000 });
    expect(result.stories.s2).toMatchObject({ views: 2, reads: 2, readRatioAdjustmentBps: 15000 });
    expect(result.stories.s3).toMatchObject({ views: 3, reads: 2, readRatioAdjustmentBps: 12666 });
  });

  it('step 4: pairs and their bases', () => {
    expect(result.pairs.map((x) => [x.memberId, x.storyId, x.base, x.timePoints])).toEqual([
      ['r1', 's1', 300, 240],
      ['r1', 's2', 300, 300],
      ['r2', 's2', 1800, 1800],
      ['r2', 's3', 960, 600],
    ]);
    // r1,s1: follower, not boosted; r1,s2: follower, boosted; r2,s3: neither; r2,s2: boosted
    expect(pair('r1', 's1').score).toBe(300n * 11000n * 12500n * 10000n);
    expect(pair('r1', 's2').score).toBe(300n * 15000n * 12500n * 20000n);
    expect(pair('r2', 's3').score).toBe(960n * 12666n * 10000n * 10000n);
    expect(pair('r2', 's2').score).toBe(1800n * 15000n * 10000n * 20000n);
  });

  it('step 5: allocations', () => {
    expect(pair('r1', 's1').allocation).toBe(610_366n);
    expect(pair('r1', 's2').allocation).toBe(1_664_634n);
    expect(pair('r2', 's3').allocation).toBe(369_492n);
    expect(pair('r2', 's2').allocation).toBe(1_640_924n);
    expect(result.stories.s1!.earnings).toBe(610_366n);
    expect(result.stories.s2!.earnings).toBe(3_305_558n);
    expect(result.stories.s3!.earnings).toBe(369_492n);
    expect(result.totals.unallocated).toBe(0n);
  });

  it("step 6: s3's breakdown", () => {
    expect(pair('r2', 's3').breakdown).toEqual({
      readingTime: 182_325n,
      engagement: 109_394n,
      readRatioAdjustment: 77_773n,
      followerBonus: 0n,
      boostBonus: 0n,
    });
  });

  it('step 8: referrals', () => {
    expect(result.authors.a2!.referralEarnings).toBe(2_270_000n);
    expect(result.authors.a1!.referralEarnings).toBe(2_010_000n);
    expect(result.totals.referrals).toBe(4_280_000n);
  });
});

describe('earnings oracle: published referral figures (step 8)', () => {
  function referralBundle(plan: 'monthly' | 'annual', netCents: number): Bundle {
    const b = emptyBundle();
    b.referrals.push({ id: 'rf', referrerId: 'w', referredMemberId: 'm', referredAt: '2023-08-31T23:59:59Z', pageSlug: 'w' });
    b.members.push({ id: 'm', username: 'm', name: 'M', email: 'm@x', country: 'US', birthDate: null, joinedAt: '2023-01-01T00:00:00Z' });
    b.charges.push({
      id: 'c',
      memberId: 'm',
      plan,
      coversFrom: '2026-01',
      chargedAt: '2026-01-01T00:00:00Z',
      grossCents: netCents,
      feeCents: 0,
      netCents,
      status: 'paid',
    });
    return b;
  }

  it('$5.00 monthly with $0.45 fees gives $2.27 a month', () => {
    expect(computeEarnings(referralBundle('monthly', 455), '2026-01').authors.w!.referralEarnings).toBe(2_270_000n);
    expect(computeEarnings(referralBundle('monthly', 455), '2026-02').authors.w!.referralEarnings).toBe(0n);
  });

  it('$50.00 annual with $1.75 fees gives $24.12, i.e. $2.01 a month', () => {
    const months = Array.from({ length: 14 }, (_, i) => `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const perMonth = months.map((m) => computeEarnings(referralBundle('annual', 4825), m).authors.w!.referralEarnings);
    expect(perMonth.slice(0, 12).reduce((a, b) => a + b, 0n)).toBe(24_120_000n);
    expect(perMonth.slice(0, 12)).toEqual(Array(12).fill(2_010_000n));
    expect(perMonth.slice(12)).toEqual([0n, 0n]);
  });

  it('a referral at or after the cutoff is never honored', () => {
    const b = referralBundle('monthly', 455);
    b.referrals[0]!.referredAt = DEFAULT_PARAMS.referralCutoff;
    expect(computeEarnings(b, '2026-01').totals.referrals).toBe(0n);
  });
});

describe('earnings oracle: helpers', () => {
  it('orders ids byte-wise, not by locale', () => {
    expect(['b', 'a', 'B', '_', 'é', 'Z'].sort(compareIds)).toEqual(['B', 'Z', '_', 'a', 'b', 'é']);
    // UTF-8 byte order differs from UTF-16 code-unit order above the BMP
    expect(compareIds('\u{FF61}', '\u{1F600}')).toBeLessThan(0);
  });

  it('converts timestamps with offsets to UTC instants', () => {
    expect(parseInstant('2026-10-31T19:30:00-05:00')).toBe(parseInstant('2026-11-01T00:30:00Z'));
    expect(parseInstant('2026-10-01T01:00:00+02:00')).toBe(Date.UTC(2026, 8, 30, 23) * 1000);
    expect(parseInstant('2026-10-01T00:00:00.000001Z') - parseInstant('2026-10-01T00:00:00Z')).toBe(1);
  });
});
