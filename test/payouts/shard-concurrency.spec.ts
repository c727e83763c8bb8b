import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../../apps/worker/src/create-worker.js';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, testConfig, type TestApp } from '../support/app.js';
import { EXAMPLES, startRun } from './helpers.js';

/** Every result of a run, by story and author id (no run ids). */
async function snapshot(t: TestApp, runId: string) {
  const q = async (sql: string) => (await t.db.pool.query(sql, [runId])).rows;
  return {
    run: await q(
      `SELECT pool_micros, allocated_micros, unallocated_micros, referral_micros, member_count, pair_count FROM payout_runs WHERE id = $1`,
    ),
    stories: await q(
      `SELECT st.id, to_jsonb(se) - 'id' - 'run_id' AS r FROM story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.run_id = $1 ORDER BY st.id`,
    ),
    statements: await q(
      `SELECT au.id, to_jsonb(sm) - 'id' - 'run_id' - 'payout_state_at' AS r FROM statements sm JOIN members au ON au.key = sm.author_key WHERE sm.run_id = $1 ORDER BY au.id`,
    ),
  };
}

/** Shards that overlap (one worker running 1, 2 or 4 shard jobs at once, or two such workers) give the same results. */
describe('payout run with concurrent shards', () => {
  let t: TestApp;
  let finance: string;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}october-small`));
    const admin = await t.adminToken();
    await t.http.put('/api/earnings-parameters/current').set('Authorization', `Bearer ${admin}`).send({ shards: 16 }).expect(200);
    finance = await t.tokenFor(['finance']);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await t.close();
  });

  const runWith = async (processes: number, concurrency: number) => {
    for (const w of workers.splice(0)) await w.close();
    for (let i = 0; i < processes; i++) {
      const config = testConfig({ QUEUE_PREFIX: t.config.queuePrefix, WORKER_CONCURRENCY: String(concurrency) });
      expect(config.workerConcurrency).toBe(concurrency);
      workers.push(await createWorker(config, t.db.url));
    }
    const run = await startRun(t, finance, '2026-10');
    expect(run.status).toBe('computed');
    return { id: run.id, results: await snapshot(t, run.id) };
  };

  it('gives identical results with 1, 2 and 4 concurrent shards per worker, and with 2 workers of 4', async () => {
    const one = await runWith(1, 1);
    expect(one.results.stories.length).toBeGreaterThan(50);
    expect(one.results.statements.length).toBeGreaterThan(5);
    for (const [processes, concurrency] of [
      [1, 2],
      [1, 4],
      [2, 4],
    ]) {
      const again = await runWith(processes, concurrency);
      expect(again.id).toBe(one.id);
      expect(again.results).toEqual(one.results);
    }
  });
});
