import pg from 'pg';
import { cli, serverUrl } from './support.js';

/** Rows per listed table in the api bench database. */
export const LIST_ROWS = 1_000_000;
export const RUNS = 12;

/**
 * The api bench database: 1M members, 1M stories, 12 computed runs of 2025 with 1M story
 * earnings and 1M statements between them, and 1M sessions in the last 58 days (what a
 * member's page reads), written set-based (generate_series) in about a minute. Created once,
 * reused; the newest migrations are applied either way.
 */
export async function apiBenchDatabase(): Promise<string> {
  const name = 'ppc_bench_lists';
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  const url = serverUrl(name);
  let ready = false;
  if (exists) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    ready = await c.query(`SELECT count(*) > 0 AS ok FROM bench_ready`).then(
      (r) => r.rows[0].ok,
      () => false,
    );
    await c.end();
  }
  if (!ready) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  cli(['migrate'], { DATABASE_URL: url });
  if (ready) return url;

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  const step = async (what: string, sql: string) => {
    const t = performance.now();
    await c.query(sql);
    console.error(`[api bench] seeded ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const n = LIST_ROWS;
  const perRun = Math.ceil(n / RUNS);
  await step(
    'members',
    `INSERT INTO members (key, id, username, name, email, country, joined_at)
    SELECT g, 'm' || lpad(g::text, 7, '0'), 'user' || g, 'Member ' || (g * 7919 % ${n}), 'm' || g || '@example.com',
           (ARRAY['US','US','GB','DE','FR'])[1 + g % 5],
           timestamptz '2020-01-01' + (g % 1500) * interval '1 day'
    FROM generate_series(1::bigint, ${n}) g`,
  );
  await step(
    'stories',
    `INSERT INTO stories (key, id, author_key, title, published_at, members_only, status, language, ai_disclosed)
    SELECT g, 's' || lpad(g::text, 7, '0'), 1 + (g * 7919) % ${n}, 'Story ' || (g * 104729 % ${n}),
           CASE WHEN g % 20 = 0 THEN NULL ELSE timestamptz '2020-01-01' + (g * 31 % 2000000) * interval '1 minute' END,
           g % 3 = 0, (ARRAY['published','published','published','draft','unlisted','deleted'])[1 + g % 6],
           (ARRAY['en','en','en','es','de'])[1 + g % 5], g % 11 = 0
    FROM generate_series(1::bigint, ${n}) g`,
  );
  await c.query(`SELECT setval(pg_get_serial_sequence('members', 'key'), ${n}), setval(pg_get_serial_sequence('stories', 'key'), ${n})`);
  await step(
    'payout runs',
    `INSERT INTO payout_runs (period, status, params, params_version, queued_at, started_at, computed_at, pool_micros, allocated_micros, unallocated_micros, referral_micros)
    SELECT '2025-' || lpad(m::text, 2, '0'), 'computed', '{}'::jsonb, 1, now(), now(), now(), 0, 0, 0, 0 FROM generate_series(1, ${RUNS}) m`,
  );
  // Run r (1..12) holds stories r, r+12, …: every run its own ~83k stories, all 1M between them.
  await step(
    'story earnings',
    `INSERT INTO story_earnings (run_id, story_key, author_key, earnings_micros, reading_time_micros, engagement_micros,
      read_ratio_adjustment_micros, follower_bonus_micros, boost_bonus_micros, views, reads, read_ratio_adjustment_bps, member_reads,
      member_reading_seconds, clappers, highlighters, repliers, new_follows, follower_readers, boosted_readers)
    SELECT r.id, s.key, s.author_key, (s.key::bigint * 7919 % 50000) * 1000, (s.key::bigint * 7919 % 50000) * 700, (s.key::bigint * 7919 % 50000) * 300, 0, 0,
           CASE WHEN s.key % 40 = 0 THEN 5000000 ELSE 0 END, s.key::bigint * 13 % 9000, s.key::bigint * 17 % 4000, 0, s.key::bigint * 19 % 3000,
           s.key::bigint * 23 % 500000, s.key % 50, s.key % 30, s.key % 20, s.key % 10, s.key % 40, s.key % 5
    FROM stories s JOIN (SELECT id, row_number() OVER (ORDER BY period) AS m FROM payout_runs) r ON r.m = 1 + (s.key - 1) % ${RUNS}`,
  );
  // Statement balances: whole cents, so payout = balance with nothing carried (the balance check holds).
  await step(
    'statements',
    `INSERT INTO statements (run_id, period, author_key, opening_micros, story_earnings_micros, referral_earnings_micros,
      adjustments_micros, balance_micros, payout_cents, carried_micros, forfeited_micros, status)
    SELECT r.id, r.period, a.key, 0, (a.key::bigint * 7919 % 90000) * 10000, 0, 0, (a.key::bigint * 7919 % 90000) * 10000, a.key::bigint * 7919 % 90000, 0, 0,
           CASE WHEN a.key::bigint * 7919 % 90000 < 1000 THEN 'below_threshold' ELSE 'payable' END
    FROM members a JOIN (SELECT id, period, row_number() OVER (ORDER BY period) AS m FROM payout_runs) r ON r.m = 1 + (a.key - 1) % ${RUNS}
    WHERE a.key <= ${perRun * RUNS}`,
  );
  // 100k readers with 10 sessions each, spread over the member page's months (the current one and the two before).
  await step(
    'sessions',
    `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
    SELECT 'se' || g, 1 + (g * 104729) % ${n}, 1 + (g * 7919) % 100000, now() - (g % 5000000) * interval '1 second', g % 600,
           CASE WHEN g % 4 = 0 THEN 'listen' ELSE 'read' END
    FROM generate_series(1::bigint, ${n}) g`,
  );
  await step('vacuum analyze', `VACUUM ANALYZE`);
  await c.query(`CREATE TABLE bench_ready AS SELECT now() AS at`);
  console.error(`[api bench] database seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await c.end();
  return url;
}
