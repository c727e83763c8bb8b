import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { queueConnection } from '../../libs/core/src/index.js';
import { SignalsService, signalsJobId } from '../../libs/integrity/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { coverage, loadPlantedMonth, PERIOD } from './month.js';

/**
 * The detection on a small planted month: each kind of pattern gives its case with evidence,
 * a rerun gives the same cases (same ids, flags recomputed), a decided case is left alone,
 * and the job (one id per period) does the same as the direct call.
 */
describe('integrity signals', () => {
  let t: TestApp;
  let signals: SignalsService;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const cases = async () =>
    (
      await t.db.pool.query(
        `SELECT id, case_key, status, kind, score, member_count FROM integrity_cases WHERE period = $1 ORDER BY case_key`,
        [PERIOD],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    signals = t.app.get(SignalsService);
    await loadPlantedMonth(t.db.pool, { seed: 7, sessions: 40000, rings: 2, farms: 2, concentrations: 2 });
  });
  afterAll(() => t.close());

  it('finds each planted ring, farm and concentration as a case with evidence', async () => {
    const result = await signals.detect(PERIOD);
    expect(result).toMatchObject({ period: PERIOD, paramsVersion: 0, created: 6, updated: 0, cleared: 0, skippedDecided: 0 });
    const found = await cases();
    expect(found.map((c) => c.kind).sort()).toEqual(['author', 'author', 'author', 'author', 'ring', 'ring']);
    // on this small month one writer of a ring is popular enough for her ring reading to look ordinary
    const cov = await coverage(t.db.pool);
    expect(cov.cases).toBe(6);
    expect(cov.plantedFlagged / cov.planted).toBeGreaterThanOrEqual(0.95);
    expect(cov.flagged).toBe(cov.plantedFlagged);
    const flags = (
      await t.db.pool.query(
        `SELECT f.signal, f.score, f.evidence FROM integrity_flags f JOIN integrity_cases c ON c.id = f.case_id WHERE c.period = $1 ORDER BY f.signal`,
        [PERIOD],
      )
    ).rows;
    expect(flags.map((f) => f.signal)).toEqual(['concentration', 'concentration', 'farm', 'farm', 'ring', 'ring']);
    const farm = flags.find((f) => f.signal === 'farm')!;
    expect(farm.evidence).toMatchObject({ memberCount: expect.any(Number), readShareBps: expect.any(Number), stories: expect.any(Array) });
    expect(farm.evidence.readShareBps).toBeGreaterThanOrEqual(5000);
    // farm sessions last 30–40 s: the whole distribution sits in the first buckets above the threshold
    expect(farm.evidence.histogram.every((b: { fromSeconds: number }) => b.fromSeconds < 45)).toBe(true);
    const ring = flags.find((f) => f.signal === 'ring')!;
    expect(ring.evidence.densityBps).toBeGreaterThanOrEqual(5000);
    expect(ring.evidence.authors.length).toBe(ring.evidence.writers.length);
    expect(ring.evidence.engagements).toBeGreaterThan(0); // the ring claps each other's stories
    const conc = flags.find((f) => f.signal === 'concentration')!;
    expect(conc.evidence.shareBps).toBeGreaterThanOrEqual(3000);
    expect(conc.evidence.sessions).toBeGreaterThanOrEqual(60);
    const events = await t.db.pool.query(`SELECT count(*)::int AS n FROM integrity_case_events WHERE kind = 'detected'`);
    expect(events.rows[0].n).toBe(6);
  });

  it('a rerun gives the same cases, and leaves a decided case alone', async () => {
    const before = await cases();
    const pairs = async () =>
      (await t.db.pool.query(`SELECT case_id, member_key, story_key, sessions FROM integrity_case_pairs ORDER BY 1, 2, 3`)).rows;
    const pairsBefore = await pairs();
    expect(await signals.detect(PERIOD)).toMatchObject({ created: 0, updated: 6, cleared: 0 });
    expect(await cases()).toEqual(before);
    expect(await pairs()).toEqual(pairsBefore);

    const decided = before.find((c) => c.kind === 'ring')!;
    await t.db.pool.query(`UPDATE integrity_cases SET status = 'dismissed', decision_reason = 'test' WHERE id = $1`, [decided.id]);
    const flagsOf = async (id: string) =>
      (await t.db.pool.query(`SELECT id FROM integrity_flags WHERE case_id = $1 ORDER BY id`, [id])).rows;
    const decidedFlags = await flagsOf(decided.id);
    expect(await signals.detect(PERIOD)).toMatchObject({ created: 0, updated: 5, skippedDecided: 1 });
    expect((await cases()).find((c) => c.id === decided.id)).toMatchObject({ status: 'dismissed' });
    expect(await flagsOf(decided.id)).toEqual(decidedFlags);
  });

  it('a pattern no longer found clears its open case (kept, with its history)', async () => {
    const farm = (await cases()).find((c) => c.case_key.startsWith('author:') && c.member_count > 10)!;
    await t.db.pool.query(`UPDATE integrity_cases SET status = 'dismissed' WHERE status <> 'open'`);
    const farmSessions = await t.db.pool.query(
      `DELETE FROM sessions WHERE (reader_key, story_key) IN (SELECT member_key, story_key FROM integrity_case_pairs WHERE case_id = $1) RETURNING id`,
      [farm.id],
    );
    expect(farmSessions.rowCount).toBeGreaterThan(0);
    expect(await signals.detect(PERIOD)).toMatchObject({ created: 0, cleared: 1 });
    expect((await cases()).find((c) => c.id === farm.id)).toMatchObject({ status: 'cleared' });
    const kinds = (await t.db.pool.query(`SELECT kind FROM integrity_case_events WHERE case_id = $1 ORDER BY id`, [farm.id])).rows.map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['detected', 'cleared']);
  });

  it('detect now queues the job for the period (integrity and admin only), which computes the cases', async () => {
    await t.db.pool.query(`TRUNCATE integrity_cases, integrity_flags, integrity_case_pairs, integrity_case_events`);
    const worker = await t.startWorker();
    const queue = t.app.get<Queue>(getQueueToken('integrity'));
    const events = new QueueEvents('integrity', queueConnection(t.config, t.db.url).options as never);
    await events.waitUntilReady();
    try {
      const support = await t.tokenFor(['support']);
      await t.http.post('/api/integrity-cases/detect').set(auth(support)).send({ period: PERIOD }).expect(403);
      const reviewer = await t.tokenFor(['integrity']);
      const bad = await t.http.post('/api/integrity-cases/detect').set(auth(reviewer)).send({ period: '2026-13' }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('period');
      const res = await t.http.post('/api/integrity-cases/detect').set(auth(reviewer)).send({ period: PERIOD }).expect(202);
      expect(res.body).toEqual({ period: PERIOD, jobId: signalsJobId(PERIOD), queued: true });
      const job = (await queue.getJob(signalsJobId(PERIOD)))!;
      const result = await job.waitUntilFinished(events, 60_000);
      expect(result).toMatchObject({ period: PERIOD, created: 5 });
      expect((await cases()).length).toBe(5);
    } finally {
      await events.close();
      await queue.obliterate({ force: true });
      await worker.close();
    }
  });
});
