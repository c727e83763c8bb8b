import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { EarningsParameters } from '../libs/payouts/src/earnings-parameters.js';
import { createApi } from '../apps/api/src/create-api.js';
import { loadConfig } from '../libs/core/src/config/config.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { EarningsParametersService } from '../libs/payouts/src/earnings-parameters.service.js';
import { runParameters } from '../libs/payouts/src/earnings-parameters.js';
import { EstimatesService } from '../libs/payouts/src/estimates/estimates.service.js';
import { liveExclusionsSql, t } from '../libs/payouts/src/run/earnings-sql.js';
import { PayoutRunRepository, WORK_SCHEMA } from '../libs/payouts/src/run/payout-run.repository.js';
import { benchDatabase, seconds } from './support.js';

/** The days k + 1 whose aggregation time is reported (k days already aggregated). */
const REPORTED_K = [1, 10, 20, 29];

/**
 * `npm run bench -- estimates [--sessions 1500000] [--period YYYY-MM]`: on the dense month,
 * aggregates its days in order, timing each (day k + 1 with k days already aggregated), then
 * times the estimate of the most-read author, of a median author and of every story at once,
 * and checks that every story's estimate equals the payout engine over the month's sessions
 * (the run's steps in work tables of their own; no run is written).
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
    // the month's earlier days first: day k + 1 is aggregated with k days present
    for (const [k, { day, sessions }] of days.entries()) {
      // a reported day three times (the first writes it, the others replace it): the median, against the shared machine's noise
      const tries: number[] = [];
      for (let i = REPORTED_K.includes(k) ? 3 : 1; i > 0; i--) {
        const t0 = performance.now();
        await estimates.aggregateDay(day);
        tries.push(performance.now() - t0);
      }
      const ms = tries.sort((x, y) => x - y)[Math.floor(tries.length / 2)]!;
      const all = tries.map(seconds).join(' ');
      console.log(`[${size}] day ${day} (k = ${k}): ${sessions.toLocaleString('en-US')} sessions, ${all} s (load ${load()})`);
      if (REPORTED_K.includes(k)) timed.push([String(k), day, sessions.toLocaleString('en-US'), `${seconds(ms)} (${all})`, load()]);
    }
    // a late change to an early day, with the whole month present: the same work as its first aggregation
    const again = performance.now();
    await estimates.aggregateDay(days[1]!.day);
    const againMs = performance.now() - again;
    console.log(`[${size}] day ${days[1]!.day} again (k = ${days.length}): ${seconds(againMs)} s`);
    timed.push([`${days.length} (again)`, days[1]!.day, days[1]!.sessions.toLocaleString('en-US'), seconds(againMs), load()]);
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
    const t1 = performance.now();
    const differ = await compareWithEngine(
      api.get(PayoutRunRepository),
      api.get(DataSource),
      runParameters((await api.get(EarningsParametersService).current()).params),
      period,
      db,
      all.stories,
    );
    console.log(
      `[${size}] the engine over the month's sessions: ${seconds(performance.now() - t1)} s; stories that differ from the estimate: ${differ}`,
    );
    if (differ > 0) throw new Error(`${differ} stories' estimates differ from the engine`);
    const table = (head: string[], body: string[][]) =>
      `| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${body.map((r) => `| ${r.join(' | ')} |`).join('\n')}`;
    console.log(`\n${table(['k (days already aggregated)', 'day k + 1', 'its sessions', 'daily job s: median (tries)', 'load'], timed)}`);
    console.log(`\n${table(['estimate', 'readers (authors)', 'stories', 's', 'load'], estimated)}`);
  } finally {
    await api.close();
    await db.end();
  }
}

/** The payout engine's steps 1–7 over the period's sessions in work tables of its own; the number of stories whose earnings differ from `stories`. */
async function compareWithEngine(
  engine: PayoutRunRepository,
  dataSource: DataSource,
  params: EarningsParameters,
  period: string,
  db: pg.Client,
  stories: { storyId: string; earningsMicros: string }[],
): Promise<number> {
  const prefix = `ebench${randomBytes(4).toString('hex')}_`;
  const scope = (refs: string[]) => ({
    work: `${WORK_SCHEMA}.${prefix}`,
    period,
    params,
    ...(refs.length ? { excludedPairs: liveExclusionsSql(period) } : {}),
  });
  try {
    const prepared = await engine.prepareWork({ period, prefix, effects: false, scopeFor: scope }, async () => undefined);
    const s = scope(prepared.exclusions?.refs ?? []);
    for (let shard = 0; shard < params.shards; shard++) await engine.computeShardWork(s, shard);
    const { rows } = await db.query<{ id: string; e: string }>(
      `SELECT st.id, sum(sp.earnings)::text AS e FROM ${t(s, 'story_parts')} sp JOIN stories st ON st.key = sp.s GROUP BY st.id HAVING sum(sp.earnings) <> 0`,
    );
    const estimated = new Map(stories.filter((x) => x.earningsMicros !== '0').map((x) => [x.storyId, x.earningsMicros]));
    let differ = rows.filter((r) => estimated.get(r.id) !== r.e).length;
    const paid = new Set(rows.map((r) => r.id));
    differ += [...estimated.keys()].filter((id) => !paid.has(id)).length;
    return differ;
  } finally {
    await engine.dropWorkTables(dataSource, prefix);
  }
}
