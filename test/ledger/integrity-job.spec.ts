import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueEvents, type Queue } from 'bullmq';
import { JOBS, queueConnection } from '../../libs/core/src/index.js';
import { IntegrityJobs, integrityJobId } from '../../libs/ledger/src/integrity.jobs.js';
import { INTEGRITY_SCHEDULER_ID } from '../../libs/ledger/src/integrity-schedule.js';
import { MONTHS, thresholdBundle } from '../payouts/fixtures.js';
import { startRun } from '../payouts/helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

interface StoredRun {
  id: string;
  runKey: string;
  trigger: string;
  ok: boolean;
  checks: { check: string; ok: boolean; offendingCount: number }[];
  failures: { check: string; offending: Record<string, unknown>[] }[];
}

/**
 * The scheduled integrity job (queue `ledger`) in the product's worker: it stores each run's
 * outcome once per key, a tampered entry gives a failed stored run naming it, and finance
 * sees the latest run and can run the checks now.
 */
describe('ledger integrity job and stored runs', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;
  let finance: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const storedCount = async (key: string) =>
    (await t.db.pool.query(`SELECT count(*)::int AS n FROM ledger_integrity_runs WHERE run_key = $1`, [key])).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    worker = await t.startWorker();
    queue = t.app.get<Queue>(getQueueToken('ledger'));
    events = new QueueEvents('ledger', queueConnection(t.config, t.db.url).options as never);
    await events.waitUntilReady();
    const starter = await t.tokenFor(['finance']);
    finance = await t.tokenFor(['finance']);
    for (const period of MONTHS.slice(0, 2)) {
      const run = await startRun(t, starter, period);
      await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(finance)).set(newKey()).expect(200);
      await t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(finance)).set(newKey()).send({}).expect(200);
    }
  });
  afterAll(async () => {
    await events.close();
    await queue.obliterate({ force: true });
    await t.close();
  });

  it('the worker registers the daily schedule (03:00 UTC) for the job ledger-integrity', async () => {
    const scheduler = await queue.getJobScheduler(INTEGRITY_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ name: JOBS.ledgerIntegrity.name, pattern: '0 3 * * *', tz: 'UTC' });
    expect(await queue.getJobSchedulersCount()).toBe(1);
  });

  it('a day queued twice is one job and one stored run; running its handler again writes nothing', async () => {
    const key = 'daily:2026-12-01';
    const add = () => queue.add(JOBS.ledgerIntegrity.name, { key }, { jobId: integrityJobId(key) });
    const first = await add();
    const second = await add();
    expect(second.id).toBe(first.id);
    const result = await first.waitUntilFinished(events, 60_000);
    expect(result).toMatchObject({ runKey: key, ok: true, failed: [], created: true });
    const again = await worker.get(IntegrityJobs).ledgerIntegrity({ data: { key }, opts: {}, timestamp: 0, delay: 0 });
    expect(again).toEqual({ ...result, created: false });
    expect(await storedCount(key)).toBe(1);
  });

  it('the scheduled job names its run after the UTC day it was due', async () => {
    const due = Date.parse('2026-12-02T03:00:00Z');
    const jobs = worker.get(IntegrityJobs);
    const a = await jobs.ledgerIntegrity({ data: undefined, opts: { prevMillis: due }, timestamp: 0, delay: 0 });
    const b = await jobs.ledgerIntegrity({ data: undefined, opts: { prevMillis: due + 1000 }, timestamp: 0, delay: 0 });
    expect([a.runKey, a.created, b.runId, b.created]).toEqual(['daily:2026-12-02', true, a.runId, false]);
    await expect(jobs.ledgerIntegrity({ data: { key: 'no spaces' }, opts: {}, timestamp: 0, delay: 0 })).rejects.toThrow(/key/);
  });

  it('a tampered entry: the stored run fails and names the entry; finance sees it as the latest run, then runs the checks again', async () => {
    const {
      rows: [entry],
    } = await t.db.pool.query(
      `SELECT id::text, amount_micros::text AS amount FROM ledger_entries WHERE kind = 'allocation' AND author_key IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const c = await t.db.pool.connect();
    let result;
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE ledger_entries SET amount_micros = amount_micros + 7 WHERE id = $1`, [entry.id]);
      const job = await queue.add(JOBS.ledgerIntegrity.name, { key: 'daily:2026-12-03' }, { jobId: integrityJobId('daily:2026-12-03') });
      result = await job.waitUntilFinished(events, 60_000);
    } finally {
      await c.query(`UPDATE ledger_entries SET amount_micros = $2 WHERE id = $1`, [entry.id, entry.amount]);
      await c.query(`RESET session_replication_role`);
      c.release();
    }
    expect(result).toMatchObject({ ok: false, failed: expect.arrayContaining(['balanced_groups', 'rebuild', 'author_balances']) });

    const { body } = await t.http.get('/api/ledger-integrity-runs/latest').set(auth(finance)).expect(200);
    const latest = body.run as StoredRun;
    expect(latest).toMatchObject({ id: result.runId, runKey: 'daily:2026-12-03', trigger: 'schedule', ok: false });
    const failure = (check: string) => latest.failures.find((f) => f.check === check)?.offending;
    expect(failure('balanced_groups')).toEqual([expect.objectContaining({ offMicros: '7', entryIds: expect.arrayContaining([entry.id]) })]);
    expect(failure('rebuild')).toEqual(expect.arrayContaining([expect.objectContaining({ id: entry.id })]));
    expect(latest.checks).toHaveLength(6);
    expect(latest.checks.find((x) => x.check === 'paid_twice')).toEqual({ check: 'paid_twice', ok: true, offendingCount: 0 });
    const one = await t.http.get(`/api/ledger-integrity-runs/${latest.id}`).set(auth(finance)).expect(200);
    expect(one.body).toEqual(latest);

    // finance runs the checks now (the entry is back): a new run that passes, once per Idempotency-Key
    const key = newKey();
    const now = await t.http.post('/api/ledger-integrity-runs').set(auth(finance)).set(key).expect(201);
    expect(now.body).toMatchObject({ trigger: 'manual', ok: true, failures: [] });
    const repeat = await t.http.post('/api/ledger-integrity-runs').set(auth(finance)).set(key).expect(201);
    expect(repeat.body.id).toBe(now.body.id);
    const audit = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'ledger.integrity.run' AND entity_id = $1`,
      [now.body.id],
    );
    expect(audit.rows[0].n).toBe(1);
    const after = await t.http.get('/api/ledger-integrity-runs/latest').set(auth(finance)).expect(200);
    expect(after.body.run).toMatchObject({ id: now.body.id, ok: true });
    const list = await t.http
      .get('/api/ledger-integrity-runs')
      .query({ filter: JSON.stringify({ ok: false }) })
      .set(auth(finance))
      .expect(200);
    expect(list.body.map((r: StoredRun) => r.id)).toEqual([latest.id]);
    expect(list.headers['content-range']).toBe('ledger-integrity-runs 0-0/1');
  });

  it('support may not read or run the checks; an unknown run is a 404', async () => {
    const support = await t.tokenFor(['support']);
    await t.http.get('/api/ledger-integrity-runs/latest').set(auth(support)).expect(403);
    await t.http.post('/api/ledger-integrity-runs').set(auth(support)).expect(403);
    await t.http.get('/api/ledger-integrity-runs/999999').set(auth(finance)).expect(404);
    await t.http.get('/api/ledger-integrity-runs/abc').set(auth(finance)).expect(404);
  });
});
