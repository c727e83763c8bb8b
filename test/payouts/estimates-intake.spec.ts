import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EstimatesJobs } from '../../libs/payouts/src/estimates/estimates.jobs.js';
import { EstimatesService } from '../../libs/payouts/src/estimates/estimates.service.js';
import { markEstimateDaysSql } from '../../libs/intake/src/estimate-day-marks.js';
import { membershipRecord, sessionRecord } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { validBundle } from '../intake/fixtures.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Intake marks the days a merge touched; the daily job aggregates them and clears the marks. */
describe('month-to-date estimates: late data through intake', () => {
  let t: TestApp;
  const post = (kind: string, body: unknown) =>
    t.http
      .post(`/api/intake/${kind}`)
      .set('X-Api-Key', t.config.intakeApiKey)
      .send(body as object);
  const marked = async () =>
    (await t.db.pool.query(`SELECT day::text AS day FROM estimate_dirty_days ORDER BY day`)).rows.map((r) => r.day as string);
  /** Every day of this and the previous month up to `upTo` counts as aggregated long ago (the daily job also fills never-aggregated days). */
  const aggregatedLongAgo = (upTo: string) =>
    t.db.pool.query(
      `INSERT INTO estimate_days (day, period, aggregated_at, qualified_read_seconds, session_cap_seconds, views)
       SELECT g::date, to_char(g, 'YYYY-MM'), TIMESTAMPTZ '2000-01-01Z', 30, 1800, 0
       FROM generate_series(date_trunc('month', $1::date) - interval '1 month', $1::date, interval '1 day') g ON CONFLICT DO NOTHING`,
      [upTo],
    );

  beforeAll(async () => {
    t = await startTestApp();
    const b = validBundle();
    for (const kind of ['members', 'publications', 'stories'] as const) await post(kind, b[kind]).expect(200);
  });
  afterAll(() => t.close());

  it('a session of yesterday marks yesterday; the daily job re-aggregates it and clears the mark', async () => {
    await t.db.pool.query(`TRUNCATE estimate_dirty_days`);
    const yesterday = day(-1);
    await post('sessions', [sessionRecord('late-1', 's1', 'm2', `${yesterday}T10:00:00Z`, 45)]).expect(200);
    // a session of a closed month long ago marks nothing (its month has its run)
    await post('sessions', [sessionRecord('old-1', 's1', 'm2', '2024-01-05T10:00:00Z', 45)]).expect(200);
    expect(await marked()).toEqual([yesterday]);
    const estimates = t.app.get(EstimatesService);
    await aggregatedLongAgo(day(0));
    const days = await estimates.daysFor(day(0));
    expect(days).toEqual([yesterday, day(0)]);
    for (const d of days) await estimates.aggregateDay(d);
    expect(await marked()).toEqual([]);
    const { rows } = await t.db.pool.query(`SELECT views FROM estimate_story_days WHERE day = $1`, [yesterday]);
    expect(rows).toEqual([{ views: 1 }]);
  });

  it('a membership marks the days it covers so far in the open and the previous month', async () => {
    await t.db.pool.query(`TRUNCATE estimate_dirty_days`);
    await post('memberships', [membershipRecord('ms-late', 'm2', { startedAt: `${day(-2)}T00:00:00Z` })]).expect(200);
    expect(await marked()).toEqual([day(-2), day(-1), day(0)]);
  });

  it('after a bulk load into an empty table, every day from the earliest to the latest is marked', async () => {
    await t.db.pool.query(`TRUNCATE estimate_dirty_days`);
    await t.db.pool.query(markEstimateDaysSql('sessions', 'sessions', true)!); // late-1 (yesterday) and 2024's old-1
    expect(await marked()).toEqual([day(-1)]);
    await t.db.pool.query(markEstimateDaysSql('memberships', 'memberships', true)!); // ms-late: from two days ago
    expect(await marked()).toEqual([day(-2), day(-1), day(0)]);
    await t.db.pool.query(`TRUNCATE estimate_dirty_days`);
    await t.db.pool.query(markEstimateDaysSql('sessions', 'sessions', false)!);
    expect(await marked()).toEqual([day(-1)]);
  });

  it('the daily job is scheduled at 01:00 UTC and queues the day before it was due and every marked day', async () => {
    const worker = await t.startWorker();
    const queue = worker.get<Queue>(getQueueToken('estimates'));
    expect(await queue.getJobSchedulers()).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'estimates-daily', pattern: '0 1 * * *', tz: 'UTC' })]),
    );
    await t.db.pool.query(`TRUNCATE estimate_dirty_days, estimate_days`);
    await aggregatedLongAgo(day(-1));
    await t.db.pool.query(`INSERT INTO estimate_dirty_days (day) VALUES ($1)`, [day(-3)]);
    const aggregated = async () =>
      (
        await t.db.pool.query(`SELECT day::text AS day FROM estimate_days WHERE aggregated_at > TIMESTAMPTZ '2000-01-01Z' ORDER BY day`)
      ).rows.map((r) => r.day as string);
    const due = Date.parse(`${day(0)}T01:00:00Z`);
    expect(await worker.get(EstimatesJobs).daily({ opts: { prevMillis: due }, timestamp: due + 5 })).toEqual([day(-3), day(-1)]);
    const deadline = Date.now() + 60_000;
    while ((await aggregated()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await aggregated()).toEqual([day(-3), day(-1)]);
    expect(await marked()).toEqual([]);
  });

  it('finance refreshes now: the worker aggregates the marked days and today; support reads the estimate with its date', async () => {
    await t.startWorker();
    const finance = await t.tokenFor(['finance']);
    const support = await t.tokenFor(['support']);
    await t.db.pool.query(`TRUNCATE estimate_dirty_days`);
    await post('sessions', [sessionRecord('late-2', 's1', 'm2', `${day(0)}T00:00:01Z`, 45)]).expect(200);
    await post('sessions', [sessionRecord('late-3', 's1', 'm2', `${day(-2)}T23:59:59Z`, 45)]).expect(200);
    const { body } = await t.http.post('/api/estimates/refresh').set('Authorization', `Bearer ${finance}`).expect(202);
    expect(body.days).toEqual([day(-2), day(0)]);
    await t.http.post('/api/estimates/refresh').set('Authorization', `Bearer ${support}`).expect(403);
    const deadline = Date.now() + 60_000;
    while ((await marked()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await marked()).toEqual([]);
    const { body: estimate } = await t.http.get('/api/estimates/authors/m1').set('Authorization', `Bearer ${support}`).expect(200);
    expect(estimate).toMatchObject({ authorId: 'm1', period: day(0).slice(0, 7), asOf: day(0), storyEarningsMicros: expect.any(Number) });
    await t.http.get('/api/estimates/authors/nobody').set('Authorization', `Bearer ${support}`).expect(404);
    await t.http.get('/api/estimates/stories/s1?period=2026-13').set('Authorization', `Bearer ${support}`).expect(400);
  });
});
