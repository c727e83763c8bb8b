import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createApi } from '../apps/api/src/create-api.js';
import { loadConfig } from '../libs/core/src/config/config.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { EstimatesService } from '../libs/payouts/src/estimates/estimates.service.js';
import { benchDatabase, seconds } from './support.js';

/** The days k + 1 whose aggregation time is reported (k days already aggregated). */
const REPORTED_K = [1, 10, 20, 29];

/**
 * `npm run bench -- estimates [--sessions 1500000] [--period YYYY-MM]`: on the dense month,
 * aggregates its days in order, timing each (day k + 1 with k days already aggregated), then
 * times the estimate of the most-read author, of a median author and of every story at once.
 */
export async function benchEstimates(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
  };
  const period = opt('period', periodBefore());
  const size = `dense-${Number(opt('sessions', '1500000'))}-${period}`;
  const url = await benchDatabase(size);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'warn',
  });
  const api = await createApi(config, url);
  const load = () => loadavg()[0].toFixed(2);
  try {
    const estimates = api.get(EstimatesService);
    await db.query(`TRUNCATE estimate_days, estimate_pair_days, estimate_story_days, estimate_engagement_days, estimate_follow_days`);
    const { rows: days } = await db.query<{ day: string; sessions: number }>(
      `SELECT d::date::text AS day, (SELECT count(*)::int FROM sessions WHERE started_at >= d AND started_at < d + interval '1 day') AS sessions
       FROM generate_series($1::timestamptz, $1::timestamptz + interval '1 month' - interval '1 day', interval '1 day') d`,
      [`${period}-01T00:00:00Z`],
    );
    const timed: string[][] = [];
    for (const [k, { day, sessions }] of days.entries()) {
      const t0 = performance.now();
      await estimates.aggregateDay(day);
      const ms = performance.now() - t0;
      console.log(`[${size}] day ${day} (k = ${k}): ${sessions.toLocaleString('en-US')} sessions, ${seconds(ms)} s (load ${load()})`);
      if (REPORTED_K.includes(k)) timed.push([String(k), day, sessions.toLocaleString('en-US'), seconds(ms), load()]);
    }
    const { rows: authors } = await db.query<{ id: string; readers: number }>(
      `SELECT au.id, count(DISTINCT pd.member_key)::int AS readers FROM estimate_pair_days pd JOIN members au ON au.key = pd.author_key
       WHERE pd.time_points IS NOT NULL GROUP BY au.id ORDER BY readers DESC, au.id`,
    );
    const picks = [authors[0]!, authors[Math.floor(authors.length / 2)]!];
    const estimated: string[][] = [];
    for (const a of picks) {
      const t0 = performance.now();
      const e = await estimates.forAuthor(a.id, period);
      const ms = performance.now() - t0;
      console.log(`[${size}] author ${a.id} (${a.readers} readers): ${e.storyEarningsMicros} µ$ as of ${e.asOf}, ${seconds(ms)} s`);
      estimated.push([`author ${a.id}`, String(a.readers), String(e.stories.length), seconds(ms), load()]);
    }
    const t0 = performance.now();
    const all = await estimates.forPeriod(period);
    const ms = performance.now() - t0;
    console.log(`[${size}] every story: ${all.stories.length} stories, ${seconds(ms)} s`);
    estimated.push(['every story', String(authors.length), String(all.stories.length), seconds(ms), load()]);
    const table = (head: string[], body: string[][]) =>
      `| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${body.map((r) => `| ${r.join(' | ')} |`).join('\n')}`;
    console.log(`\n${table(['k (days already aggregated)', 'day k + 1', 'its sessions', 'daily job s', 'load'], timed)}`);
    console.log(`\n${table(['estimate', 'readers (authors)', 'stories', 's', 'load'], estimated)}`);
  } finally {
    await api.close();
    await db.end();
  }
}
