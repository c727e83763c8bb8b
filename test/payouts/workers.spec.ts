import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../../apps/worker/src/create-worker.js';
import { PayoutRunRepository, type RunRow } from '../../libs/payouts/src/run/payout-run.repository.js';
import { loadBundle as readBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, testConfig, type TestApp } from '../support/app.js';
import { EXAMPLES, startRun, waitForRun } from './helpers.js';

const LOCK_MS = '1000';

/** Every result of a run, by story and author id (no run ids), for comparing two computations. */
async function snapshot(t: TestApp, runId: string) {
  const stories = await t.db.pool.query(
    `SELECT st.id, to_jsonb(se) - 'id' - 'run_id' AS r FROM story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.run_id = $1 ORDER BY st.id`,
    [runId],
  );
  const statements = await t.db.pool.query(
    `SELECT au.id, to_jsonb(sm) - 'id' - 'run_id' - 'payout_state_at' AS r FROM statements sm JOIN members au ON au.key = sm.author_key WHERE sm.run_id = $1 ORDER BY au.id`,
    [runId],
  );
  const run = await t.db.pool.query(
    `SELECT pool_micros, allocated_micros, unallocated_micros, referral_micros, member_count, pair_count FROM payout_runs WHERE id = $1`,
    [runId],
  );
  return { run: run.rows[0], stories: stories.rows, statements: statements.rows };
}

/**
 * Acceptance 3 of the payouts issue: the same results with 1 and 4 workers, after a worker
 * is killed mid-run and another takes over, and when shards run twice.
 */
describe('payout run under several workers and faults', () => {
  let t: TestApp;
  let finance: string;
  let baseline: Awaited<ReturnType<typeof snapshot>>;
  let runId: string;
  const workers: INestApplicationContext[] = [];
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_LOCK_MS: LOCK_MS });
    await loadBundle(t.db.pool, readBundle(`${EXAMPLES}october-small`));
    const admin = await t.adminToken();
    await t.http.put('/api/earnings-parameters/current').set('Authorization', `Bearer ${admin}`).send({ shards: 16 }).expect(200);
    finance = await t.tokenFor(['finance']);
    workers.push(await createWorker(t.config, t.db.url));
    const run = await startRun(t, finance, '2026-10');
    expect(run.status).toBe('computed');
    runId = run.id;
    baseline = await snapshot(t, runId);
    expect(baseline.stories.length).toBeGreaterThan(50);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    for (const w of workers) await w.close();
    await t.close();
  });

  it('gives identical results with 4 workers', async () => {
    for (let i = 0; i < 3; i++) workers.push(await createWorker(t.config, t.db.url));
    const again = await startRun(t, finance, '2026-10');
    expect(again.id).toBe(runId);
    expect(await snapshot(t, runId)).toEqual(baseline);
  });

  it('gives identical results after the worker is killed mid-run and another one takes over', async () => {
    for (const w of workers.splice(0)) await w.close();
    child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: {
        ...process.env,
        DATABASE_URL: t.db.url,
        REDIS_URL: t.config.redisUrl ?? '',
        QUEUE_PREFIX: t.config.queuePrefix,
        QUEUE_LOCK_MS: LOCK_MS,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ready) => child!.stdout!.on('data', (d: Buffer) => d.toString().includes('worker started') && ready()));
    const { body } = await t.http
      .post('/api/payout-runs')
      .set('Authorization', `Bearer ${finance}`)
      .set(newKey())
      .send({ period: '2026-10' })
      .expect(202);
    for (;;) {
      const { rows } = await t.db.pool.query(`SELECT status FROM payout_runs WHERE id = $1`, [body.id]);
      if (rows[0].status === 'running') break;
      expect(rows[0].status).toBe('queued');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const { rows: killed } = await t.db.pool.query(`SELECT status, progress FROM payout_runs WHERE id = $1`, [body.id]);
    expect(killed[0].status).toBe('running'); // killed mid-run: nothing can finish it now but another worker
    workers.push(await createWorker(testConfig({ QUEUE_LOCK_MS: LOCK_MS, QUEUE_PREFIX: t.config.queuePrefix }), t.db.url));
    const done = await waitForRun(t, finance, body.id);
    expect(done.status).toBe('computed');
    expect(await snapshot(t, runId)).toEqual(baseline);
  });

  it('gives identical results when every shard runs twice', async () => {
    const repo = t.app.get(PayoutRunRepository);
    const { rows } = await t.db.pool.query(
      `UPDATE payout_runs SET status = 'running', attempt = attempt + 1 WHERE id = $1 RETURNING id, period, status, attempt, params`,
      [runId],
    );
    const run: RunRow = { ...rows[0], startedBy: null };
    await repo.prepare(run, async () => undefined);
    for (let shard = 0; shard < run.params.shards; shard++) await repo.computeShard(run, shard);
    for (let shard = run.params.shards - 1; shard >= 0; shard--) await repo.computeShard(run, shard);
    await repo.finalize(run);
    expect(await snapshot(t, runId)).toEqual(baseline);
  });
});
