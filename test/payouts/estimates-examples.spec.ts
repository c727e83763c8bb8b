import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EstimatesService } from '../../libs/payouts/src/estimates/estimates.service.js';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { EXAMPLES, expectedOf } from './helpers.js';

const DAYS = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);

/** The contract's examples: every day of October aggregated, the estimates equal the expected results (spec/earnings.md). */
describe.each(['worked-example', 'october-small'])('month-to-date estimates on %s', (example) => {
  let t: TestApp;
  const expected = expectedOf(example);

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}${example}`));
  });
  afterAll(() => t.close());

  it('every story and every author equal the expected earnings to the micro-dollar', async () => {
    const estimates = t.app.get(EstimatesService);
    for (const day of DAYS) await estimates.aggregateDay(day);
    const all = await estimates.forPeriod('2026-10');
    const byStory = new Map(all.stories.map((s) => [s.storyId, s]));
    for (const [id, fields] of Object.entries(expected.stories)) {
      const s = byStory.get(id);
      const parts = ['earnings', 'readingTime', 'engagement', 'readRatioAdjustment', 'followerBonus', 'boostBonus'] as const;
      const want = Object.fromEntries(parts.filter((p) => p in fields).map((p) => [p, String(fields[p])]));
      const got = Object.fromEntries(Object.keys(want).map((p) => [p, s ? String(s[`${p}Micros` as keyof typeof s]) : '0']));
      expect({ id, ...got }).toEqual({ id, ...want });
    }
    for (const [id, a] of Object.entries(expected.authors)) {
      const e = await estimates.forAuthor(id, '2026-10');
      expect({ id, storyEarnings: e.storyEarningsMicros }).toEqual({ id, storyEarnings: String(a.storyEarnings) });
    }
  }, 120_000);
});
