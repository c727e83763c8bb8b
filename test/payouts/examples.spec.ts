import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { EXAMPLES, apiField, expectedOf, startRun, statements, storyEarnings } from './helpers.js';

/** The contract: both example bundles give exactly the expected results (spec/earnings.md). */
describe.each(['worked-example', 'october-small'])('payout run on %s', (example) => {
  let t: TestApp;
  let finance: string;
  const expected = expectedOf(example);

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}${example}`));
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  it('matches the expected totals, every story and every author to the micro-dollar', async () => {
    const run = await startRun(t, finance, '2026-10');
    expect(run.error).toBeNull();
    expect(run.status).toBe('computed');
    expect(run.progress).toBe(100);
    expect({
      pool: run.poolMicros,
      allocated: run.allocatedMicros,
      unallocated: run.unallocatedMicros,
      referrals: run.referralMicros,
      members: run.memberCount,
      pairs: run.pairCount,
    }).toEqual(expected.totals);

    const stories = await storyEarnings(t, finance, run.id);
    for (const [id, fields] of Object.entries(expected.stories)) {
      const actual = Object.fromEntries(Object.keys(fields).map((f) => [f, stories[id]?.[apiField(f)]]));
      expect({ id, ...actual }).toEqual({ id, ...fields });
    }
    for (const [id, row] of Object.entries(stories)) {
      if (!expected.stories[id]) expect({ id, earnings: row.earningsMicros }).toEqual({ id, earnings: 0 });
    }

    const byAuthor = await statements(t, finance, run.id);
    for (const [id, a] of Object.entries(expected.authors)) {
      expect({
        id,
        storyEarnings: byAuthor[id]?.storyEarningsMicros ?? 0,
        referralEarnings: byAuthor[id]?.referralEarningsMicros ?? 0,
      }).toEqual({
        id,
        ...a,
      });
    }
  });
});
