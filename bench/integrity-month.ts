/*
 * A month of reading with planted gaming patterns and its ground truth (issue 18), generated
 * in the database with set-based SQL (generate_series; hashint8extended as the seeded random
 * source, so a seed always gives the same month). Organic reading: members read stories
 * chosen with a skew towards popular ones, active seconds spread from short views to long
 * reads, memberships begun over two years. Plants:
 * - rings: groups of 4–6 mid-list writers reading and clapping each other's stories;
 * - farms: 25–40 fresh members, memberships begun within a day, each opening one small
 *   author's stories 4–8 times for 30–40 seconds;
 * - concentration: one member reading one small author 60–150 times.
 * Organic look-alikes that must not be flagged: a sign-up campaign (300 members whose
 * memberships began on the 10th, reading as everyone does) and superfans (members reading one
 * writer 15–30 times at ordinary lengths).
 * The truth goes to `integrity_planted (kind, grp, member_key, author_key)`.
 */

export interface PlantedMonthOptions {
  period: string; // YYYY-MM
  seed: number;
  /** Organic sessions (plants add theirs). */
  sessions: number;
  rings: number;
  farms: number;
  concentrations: number;
}

export const DEFAULT_PLANTS = { rings: 4, farms: 4, concentrations: 4 };

const int = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a natural number: ${n}`);
  return String(n);
};

/** The statements that fill an empty, migrated database with the month (in order). */
export function plantedMonthSql(o: PlantedMonthOptions): string[] {
  const seed = int(o.seed);
  const members = Math.max(1000, Math.round(o.sessions / 10));
  const writers = Math.max(100, Math.round(members / 50));
  const stories = writers * 8;
  // dedicated small authors for farms and concentration, after the organic writers
  const targets = o.farms + o.concentrations;
  const start = `'${o.period}-01T00:00:00Z'::timestamptz`;
  const monthSecs = `extract(epoch FROM (${start} + interval '1 month') - ${start})`;
  /** A uniform number in [0, 1) for (i, salt). */
  const r = (i: string, salt: number) => `((hashint8extended((${i})::bigint, ${seed} * 1000 + ${salt}) & 2147483647)::float8 / 2147483648)`;
  const pick = (i: string, salt: number, lo: number | string, n: number | string) => `(${lo} + floor(${r(i, salt)} * (${n}))::int)`;
  const ringBase = Math.floor(writers / 2); // mid-list writers
  const farmBase = members + 1; // farm members after the organic ones
  const farmSize = 40;
  return [
    `CREATE TABLE IF NOT EXISTS integrity_planted (kind text NOT NULL, grp int NOT NULL, member_key int NOT NULL, author_key int NOT NULL)`,
    // members: organic (writers are the first `writers` keys), then the farms' (up to 40 each)
    `INSERT INTO members (key, id, username, name, email, country, joined_at)
     SELECT k, 'm' || lpad(k::text, 7, '0'), 'u' || k, 'Member ' || k, 'm' || k || '@example.test', 'US', ${start} - interval '800 days'
     FROM generate_series(1, ${members + (o.farms + 0) * farmSize}) k`,
    `SELECT setval(pg_get_serial_sequence('members', 'key'), (SELECT max(key) FROM members))`,
    `INSERT INTO memberships (id, member_key, plan, tier, started_at)
     SELECT 'ms' || k, k, 'monthly', 'member', ${start} - make_interval(secs => ${r('k', 1)} * 730 * 86400) FROM generate_series(1, ${members}) k`,
    // stories: organic ones by writers skewed to the first keys; then 2 per target author (writer keys after the organic writers... reuse the last writers)
    `INSERT INTO stories (key, id, author_key, title, published_at, members_only, status)
     SELECT s, 's' || lpad(s::text, 6, '0'), 1 + floor(${writers - targets} * power(${r('s', 2)}, 1.5))::int, 'Story ' || s, ${start} - interval '10 days', true, 'published'
     FROM generate_series(1, ${stories}) s`,
    `INSERT INTO stories (key, id, author_key, title, published_at, members_only, status)
     SELECT ${stories} + t * 2 + j, 's' || lpad((${stories} + t * 2 + j)::text, 6, '0'), ${writers} - t, 'Target ' || t || '.' || j, ${start} - interval '10 days', true, 'published'
     FROM generate_series(0, ${Math.max(0, targets - 1)}) t, generate_series(1, 2) j WHERE ${targets} > 0`,
    `SELECT setval(pg_get_serial_sequence('stories', 'key'), (SELECT max(key) FROM stories))`,
    `INSERT INTO enrollments (id, member_key, enrolled_at) SELECT 'en' || k, k, ${start} - interval '400 days' FROM generate_series(1, ${writers}) k`,
    // organic sessions: skewed story choice (the targets' stories at the tail get little), 25% short views
    `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
     SELECT 'o' || i, 1 + floor(${stories + targets * 2} * power(${r('i', 3)}, 2))::int, ${pick('i', 4, 1, members)},
            ${start} + make_interval(secs => ${r('i', 5)} * ${monthSecs}),
            CASE WHEN ${r('i', 6)} < 0.25 THEN floor(${r('i', 7)} * 30)::int ELSE 30 + least(1770, floor(-ln(1 - ${r('i', 8)}) * 200))::int END, 'read'
     FROM generate_series(1, ${int(o.sessions)}) i`,
    `UPDATE memberships SET started_at = ${start} + make_interval(days => 9, secs => ${r('member_key', 24)} * 86400)
     WHERE member_key BETWEEN ${writers + 1} AND ${writers + 300}`,
    `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
     SELECT 'sf' || f || '-' || n, st.key, ${pick('f', 25, writers + 301, members - writers - 301)},
            ${start} + make_interval(secs => ${r('f * 1000 + n', 26)} * ${monthSecs}), 30 + least(1770, floor(-ln(1 - ${r('f * 1000 + n', 27)}) * 200))::int, 'read'
     FROM generate_series(1, ${Math.round(members / 400)}) f
     JOIN LATERAL (SELECT key FROM stories WHERE key = ${pick('f', 28, 1, stories)}) st ON true
     CROSS JOIN LATERAL generate_series(1, ${pick('f', 29, 15, 16)}) n`,
    `INSERT INTO engagements (id, story_key, member_key, kind, occurred_at, count)
     SELECT 'oe' || i, se.story_key, se.reader_key, 'clap', se.started_at + interval '1 minute', 1 + floor(${r('i', 9)} * 10)::int
     FROM (SELECT row_number() OVER () AS i, story_key, reader_key, started_at FROM sessions WHERE active_seconds >= 60 AND ${r('hashtext(id)', 10)} < 0.1) se`,
    // rings: writers ringBase + g*6 + (0..size-1), each reading every other ring writer's stories 6–12 times, clapping
    `INSERT INTO integrity_planted (kind, grp, member_key, author_key)
     SELECT 'ring', g, ${ringBase} + g * 6 + w, ${ringBase} + g * 6 + w
     FROM generate_series(0, ${o.rings - 1}) g, generate_series(0, 5) w WHERE w < 4 + floor(${r('g', 11)} * 3)::int`,
    `INSERT INTO stories (id, author_key, title, published_at, members_only, status)
     SELECT 'rs' || p.member_key, p.member_key, 'Ring story ' || p.member_key, ${start} - interval '5 days', true, 'published'
     FROM integrity_planted p WHERE p.kind = 'ring'`,
    `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
     SELECT 'r' || x.member_key || '-' || y.member_key || '-' || n, st.key, x.member_key,
            ${start} + make_interval(secs => ${r('x.member_key * 100000 + y.member_key * 100 + n', 12)} * ${monthSecs}),
            ${pick('x.member_key * 100000 + y.member_key * 100 + n', 13, 60, 340)}, 'read'
     FROM integrity_planted x JOIN integrity_planted y ON y.kind = 'ring' AND y.grp = x.grp AND y.member_key <> x.member_key
     JOIN stories st ON st.id = 'rs' || y.member_key
     CROSS JOIN LATERAL generate_series(1, ${pick('x.member_key * 1000 + y.member_key', 14, 6, 7)}) n
     WHERE x.kind = 'ring'`,
    `INSERT INTO engagements (id, story_key, member_key, kind, occurred_at, count)
     SELECT 're' || x.member_key || '-' || y.member_key, st.key, x.member_key, 'clap', ${start} + interval '3 days', 50
     FROM integrity_planted x JOIN integrity_planted y ON y.kind = 'ring' AND y.grp = x.grp AND y.member_key <> x.member_key
     JOIN stories st ON st.id = 'rs' || y.member_key WHERE x.kind = 'ring'`,
    `INSERT INTO follows (id, follower_key, followee_key, followed_at)
     SELECT 'rf' || x.member_key || '-' || y.member_key, x.member_key, y.member_key, ${start} + interval '2 days'
     FROM integrity_planted x JOIN integrity_planted y ON y.kind = 'ring' AND y.grp = x.grp AND y.member_key <> x.member_key WHERE x.kind = 'ring'`,
    // farms: target author writers - f; members farmBase + f*40 + (0..size-1), memberships within a day
    `INSERT INTO integrity_planted (kind, grp, member_key, author_key)
     SELECT 'farm', f, ${farmBase} + f * ${farmSize} + j, ${writers} - f
     FROM generate_series(0, ${o.farms - 1}) f, generate_series(0, ${farmSize - 1}) j WHERE j < 25 + floor(${r('f', 15)} * 16)::int`,
    `INSERT INTO memberships (id, member_key, plan, tier, started_at)
     SELECT 'fms' || p.member_key, p.member_key, 'monthly', 'member',
            ${start} + make_interval(days => 2 + p.grp * 3, secs => ${r('p.member_key', 16)} * 86400)
     FROM integrity_planted p WHERE p.kind = 'farm'`,
    `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
     SELECT 'f' || p.member_key || '-' || n, ${stories} + p.grp * 2 + 1 + (n % 2), p.member_key,
            ${start} + make_interval(days => 3 + p.grp * 3, secs => ${r('p.member_key * 100 + n', 17)} * 20 * 86400),
            ${pick('p.member_key * 100 + n', 18, 30, 11)}, 'read'
     FROM integrity_planted p CROSS JOIN LATERAL generate_series(1, ${pick('p.member_key', 19, 4, 5)}) n WHERE p.kind = 'farm'`,
    // concentration: an organic member (not a writer) reads target author writers - farms - c 60–150 times
    `INSERT INTO integrity_planted (kind, grp, member_key, author_key)
     SELECT 'concentration', c, ${writers} + 1 + floor(${r('c', 20)} * ${members - writers - 1})::int, ${writers} - ${o.farms} - c
     FROM generate_series(0, ${o.concentrations - 1}) c`,
    `INSERT INTO sessions (id, story_key, reader_key, started_at, active_seconds, mode)
     SELECT 'c' || p.grp || '-' || n, ${stories} + (${o.farms} + p.grp) * 2 + 1 + (n % 2), p.member_key,
            ${start} + make_interval(secs => ${r('p.grp * 1000 + n', 21)} * ${monthSecs}), ${pick('p.grp * 1000 + n', 22, 300, 900)}, 'read'
     FROM integrity_planted p CROSS JOIN LATERAL generate_series(1, ${pick('p.grp', 23, 60, 91)}) n WHERE p.kind = 'concentration'`,
    `ANALYZE`,
  ].filter((sql) => !/generate_series\(0, -1\)/.test(sql));
}

/** Of the planted members, those in a case; of the members in cases, those planted. */
export const COVERAGE_SQL = `
  WITH flagged AS (SELECT DISTINCT p.member_key FROM integrity_case_pairs p JOIN integrity_cases c ON c.id = p.case_id AND c.period = $1 AND c.status = 'open'),
       planted AS (SELECT DISTINCT member_key FROM integrity_planted)
  SELECT (SELECT count(*) FROM planted)::int AS planted,
         (SELECT count(*) FROM flagged)::int AS flagged,
         (SELECT count(*) FROM planted WHERE member_key IN (SELECT member_key FROM flagged))::int AS "plantedFlagged",
         (SELECT count(*) FROM integrity_cases WHERE period = $1 AND status = 'open')::int AS cases`;
