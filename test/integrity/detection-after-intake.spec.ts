import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Job, type Queue } from 'bullmq';
import { IntakeHooks, queueConnection } from '../../libs/core/src/index.js';
import { JOBS } from '../../libs/core/src/queue/registry.js';
import { queueDetections, signalsAfterIntakeJobId } from '../../libs/integrity/src/index.js';
import { removeDir, runImport, writeBundle } from '../intake/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { loadPlantedMonth, PERIOD } from './month.js';

const NEXT = '2026-06';

/**
 * Detection after intake (issue 18): an intake batch or a bundle that changes a period's
 * reading queues that period's detection once per reading version (repeats collapse), the
 * job computes the cases, and a version overtaken by a newer one skips (its successor detects).
 */
describe('integrity detection after intake', () => {
  let t: TestApp;
  let queue: Queue;
  let story: string;
  let reader: string;
  let n = 0;
  const session = (startedAt: string) => ({
    id: `after-intake-${++n}`,
    storyId: story,
    readerId: reader,
    startedAt,
    activeSeconds: 5,
    mode: 'read',
  });
  const ingest = (records: object[]) =>
    t.http.post('/api/intake/sessions').set('X-Api-Key', t.config.intakeApiKey).send(records).expect(200);
  const detectionJobs = async () =>
    (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']))
      .filter((j): j is Job => !!j && j.name === JOBS.integritySignals.name)
      .map((j) => ({ id: j.id, data: j.data }))
      .sort((a, b) => a.id!.localeCompare(b.id!));
  const versions = async () => (await t.db.pool.query(`SELECT period, version::int FROM reading_versions ORDER BY period`)).rows;
  const caseCount = async () =>
    (await t.db.pool.query(`SELECT count(*)::int AS n FROM integrity_cases WHERE period = $1`, [PERIOD])).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    queue = t.app.get<Queue>(getQueueToken(JOBS.integritySignals.queue));
    await loadPlantedMonth(t.db.pool, { seed: 7, sessions: 40000, rings: 2, farms: 2, concentrations: 2 });
    await t.db.pool.query(`TRUNCATE reading_versions`);
    story = (await t.db.pool.query(`SELECT id FROM stories ORDER BY key DESC LIMIT 1`)).rows[0].id;
    reader = (await t.db.pool.query(`SELECT id FROM members ORDER BY key DESC LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await t.close();
  });

  it("an intake batch queues its period's detection exactly once; the job computes the cases", async () => {
    const batch = [session(`${PERIOD}-20T10:00:00Z`), session(`${PERIOD}-21T10:00:00Z`)];
    expect((await ingest(batch)).body).toMatchObject({ inserted: 2 });
    expect(await versions()).toEqual([{ period: PERIOD, version: 1 }]);
    const queued = [{ id: signalsAfterIntakeJobId(PERIOD, 1), data: { period: PERIOD, readingVersion: 1 } }];
    expect(await detectionJobs()).toEqual(queued);

    // the same batch again changes nothing: no new version, no new job
    expect((await ingest(batch)).body).toMatchObject({ inserted: 0, unchanged: 2 });
    // the same notice again (a retry) collapses into the queued job
    await t.app.get(IntakeHooks).readingChanged([{ period: PERIOD, version: 1 }]);
    expect(await versions()).toEqual([{ period: PERIOD, version: 1 }]);
    expect(await detectionJobs()).toEqual(queued);
    expect(await caseCount()).toBe(0);

    const events = new QueueEvents(JOBS.integritySignals.queue, queueConnection(t.config, t.db.url).options as never);
    await events.waitUntilReady();
    const worker = await t.startWorker();
    try {
      const job = (await queue.getJob(signalsAfterIntakeJobId(PERIOD, 1)))!;
      const result = await job.waitUntilFinished(events, 60_000);
      expect(result).toMatchObject({ period: PERIOD, readingVersion: 1, created: 6 });
      expect(await caseCount()).toBe(6);
    } finally {
      await worker.close();
      await events.close();
    }
  });

  it('a bundle queues one detection per touched period at its latest version; an overtaken version skips', async () => {
    await queue.obliterate({ force: true });
    const folder = await writeBundle({ sessions: [session(`${PERIOD}-22T10:00:00Z`), session(`${NEXT}-02T10:00:00Z`)] });
    try {
      const { report } = await runImport(t.db.url, folder, { workers: 0 });
      expect(report.readingChanges).toEqual([
        { period: PERIOD, version: 2 },
        { period: NEXT, version: 1 },
      ]);
      // what the cli's import does with them, twice (a rerun of the step adds nothing)
      for (let i = 0; i < 2; i++) await queueDetections(queue, report.readingChanges);
    } finally {
      await removeDir(folder);
    }
    // then an intake batch moves PERIOD on: version 2's job is overtaken by version 3's
    await ingest([session(`${PERIOD}-23T10:00:00Z`)]);
    expect(await versions()).toEqual([
      { period: PERIOD, version: 3 },
      { period: NEXT, version: 1 },
    ]);
    expect((await detectionJobs()).map((j) => j.id)).toEqual(
      [signalsAfterIntakeJobId(PERIOD, 2), signalsAfterIntakeJobId(PERIOD, 3), signalsAfterIntakeJobId(NEXT, 1)].sort(),
    );

    const events = new QueueEvents(JOBS.integritySignals.queue, queueConnection(t.config, t.db.url).options as never);
    await events.waitUntilReady();
    const worker = await t.startWorker();
    try {
      const result = async (period: string, version: number) =>
        (await queue.getJob(signalsAfterIntakeJobId(period, version)))!.waitUntilFinished(events, 60_000);
      expect(await result(PERIOD, 2)).toEqual({ period: PERIOD, readingVersion: 2, superseded: 3 });
      expect(await result(PERIOD, 3)).toMatchObject({ period: PERIOD, readingVersion: 3, created: 0, updated: 6 });
      expect(await result(NEXT, 1)).toMatchObject({ period: NEXT, readingVersion: 1, created: 0 });
      expect(await caseCount()).toBe(6);
    } finally {
      await worker.close();
      await events.close();
    }
  });
  it('a load into empty tables (the direct path) finds every month it brought', async () => {
    await t.db.pool.query(`TRUNCATE sessions, engagements`);
    const before = await versions();
    const engagement = {
      id: 'after-intake-e1',
      storyId: story,
      memberId: reader,
      kind: 'clap',
      occurredAt: '2026-03-31T23:59:59Z',
      count: 2,
    };
    const folder = await writeBundle({
      sessions: [session(`${PERIOD}-01T00:00:00Z`), session('2026-01-31T23:59:59Z'), session(`${NEXT}-30T12:00:00Z`)],
      engagements: [engagement],
    });
    try {
      const { report } = await runImport(t.db.url, folder, { workers: 0 });
      expect(report.kinds.map((k) => [k.kind, k.path])).toEqual([
        ['sessions', 'direct'],
        ['engagements', 'direct'],
      ]);
      const version = (period: string) => (before.find((v) => v.period === period)?.version ?? 0) + 1;
      expect(report.readingChanges).toEqual([
        { period: '2026-01', version: 1 },
        { period: '2026-03', version: 1 },
        { period: PERIOD, version: version(PERIOD) },
        { period: NEXT, version: version(NEXT) },
      ]);
    } finally {
      await removeDir(folder);
    }
  });
});
