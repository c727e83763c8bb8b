import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { PayoutRunJobs } from '../../libs/payouts/src/payout-run.jobs.js';
import { PayoutRunRepository, type RunRow } from '../../libs/payouts/src/run/payout-run.repository.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { thresholdBundle } from './fixtures.js';
import { startRun, statements } from './helpers.js';

/** What must never happen to money: stale approvals, lost inputs, payouts paid twice, half-prepared runs. */
describe('payout run safety', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let starter: string;
  let approver: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const approve = (id: string) => t.http.post(`/api/payout-runs/${id}/approve`).set(auth(approver)).set(newKey());

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    worker = await t.startWorker();
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  it('refuses to approve a run whose openings moved since it was computed, until it is recomputed', async () => {
    const jan = await startRun(t, starter, '2026-01');
    await approve(jan.id).expect(200);
    const feb = await startRun(t, starter, '2026-02');
    const mar = await startRun(t, starter, '2026-03'); // computed while February is a draft: opens from January
    await approve(feb.id).expect(200);
    const stale = await approve(mar.id).expect(409);
    expect(stale.body.details).toMatchObject({ rule: 'stale_run', reasons: ['the openings come from another approved run now'] });
    const again = await startRun(t, starter, '2026-03');
    await approve(again.id).expect(200);
    const byAuthor = await statements(t, starter, again.id);
    expect(byAuthor['a-fivethreethree']).toMatchObject({ openingMicros: 8_000_000, payoutCents: 1100 }); // $5 + $3 + $3, nothing lost
    // Approving an earlier period after a later one is refused too.
    await t.db.pool.query(`UPDATE payout_runs SET status = 'computed' WHERE id = $1`, [feb.id]);
    const out = await approve(feb.id).expect(409);
    expect(out.body.details.reasons).toContain('a later period is already approved');
  });

  it('refuses to approve a run whose adjustments changed after it was computed', async () => {
    const apr = await startRun(t, starter, '2026-04');
    await t.http
      .post('/api/adjustments')
      .set(auth(starter))
      .set(newKey())
      .send({ authorId: 'a-twelve', period: '2026-04', amountMicros: 20_000_000, reason: 'late bonus' })
      .expect(201);
    const res = await approve(apr.id).expect(409);
    expect(res.body.details.reasons).toEqual(["the period's adjustments, referral credits, integrity exclusions or holds changed"]);
    const again = await startRun(t, starter, '2026-04');
    await approve(again.id).expect(200);
    expect((await statements(t, starter, again.id))['a-twelve']).toMatchObject({ adjustmentsMicros: 20_000_000, payoutCents: 2000 });
  });

  it('allows only real payout state transitions, once a payout was taken back it is final', async () => {
    const {
      body: [apr],
    } = await t.http
      .get('/api/payout-runs')
      .query({ filter: JSON.stringify({ period: '2026-04' }) })
      .set(auth(starter));
    const st = (await statements(t, starter, apr.id))['a-twelve']!;
    const mark = (payouts: unknown[]) =>
      t.http.post(`/api/payout-runs/${apr.id}/mark-paid`).set(auth(approver)).set(newKey()).send({ payouts });
    const dup = await mark([
      { statementId: st.id, state: 'failed' },
      { statementId: st.id, state: 'transferred' },
    ]).expect(400);
    expect(dup.body.message).toMatch(/twice/);
    const draft = await startRun(t, starter, '2026-05'); // computed before the bounce: nothing of a-twelve's in May
    await mark([{ statementId: st.id, state: 'failed' }]).expect(200);
    const stale = await approve(draft.id).expect(409);
    expect(stale.body.details.reasons).toEqual([
      "a payout came back to an author's balance since (failed, reversed or released from a hold)",
    ]);
    const may = await startRun(t, starter, '2026-05');
    expect((await statements(t, starter, may.id))['a-twelve']).toMatchObject({ openingMicros: 20_000_000 });
    await approve(may.id).expect(200);
    // The bounced $20 is back in May's balance: it can no longer be marked transferred in April.
    const refused = await mark([{ statementId: st.id, state: 'transferred' }]).expect(422);
    expect(refused.body.details.rule).toBe('payout_state_transition');
    const { rows } = await t.db.pool.query(`SELECT payout_state FROM statements WHERE id = $1`, [st.id]);
    expect(rows[0].payout_state).toBe('failed');
  });

  it('fails a run whose work tables lost rows after preparing, instead of computing from half the data', async () => {
    const repo = t.app.get(PayoutRunRepository);
    const { rows } = await t.db.pool.query(
      `INSERT INTO payout_runs (period, status, attempt, params, params_version, queued_at)
       SELECT '2026-06', 'running', 1, params, 0, now() FROM payout_runs LIMIT 1 RETURNING id, period, status, attempt, params`,
    );
    const run: RunRow = { ...rows[0], startedBy: null };
    await repo.prepare(run, async () => undefined);
    await t.db.pool.query(`TRUNCATE ${repo.scope(run).work}contributions`); // what a database crash does to unlogged tables
    for (let shard = 0; shard < run.params.shards; shard++) await repo.computeShard(run, shard);
    await expect(repo.finalize(run)).rejects.toThrow(/do not add up to the prepared run/);
    // A job failing for good marks the run failed (so it can be started again) and drops its work tables.
    await worker.get(PayoutRunJobs).shardFailed({ name: 'payout-shard', data: { runId: run.id, attempt: 1 } } as never, new Error('boom'));
    const after = await t.db.pool.query(`SELECT status, error FROM payout_runs WHERE id = $1`, [run.id]);
    expect(after.rows[0]).toEqual({ status: 'failed', error: 'payout-shard: boom' });
    const work = await t.db.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'payout_work' AND tablename LIKE $1`, [
      `r${run.id.replace(/-/g, '')}%`,
    ]);
    expect(work.rows[0].n).toBe(0);
  });

  it('starts again a run left running with no job to finish it', async () => {
    const { rows } = await t.db.pool.query(
      `INSERT INTO payout_runs (period, status, attempt, params, params_version, queued_at)
       SELECT '2026-07', 'running', 1, params, 0, now() FROM payout_runs LIMIT 1 RETURNING id`,
    );
    const run = await startRun(t, starter, '2026-07');
    expect(run).toMatchObject({ id: rows[0].id, status: 'computed', attempt: 2 });
  });
});
