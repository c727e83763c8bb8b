import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { removeDir, runImport, validBundle, writeBundle, type ImportRun, type Line } from './fixtures.js';
import { EXAMPLES_DIR } from '../support/examples.js';

const run = promisify(execFile);
const EXAMPLES = EXAMPLES_DIR;

/** The valid bundle plus invalid records of every sort, at known lines. */
function bundleWithErrors(): Record<string, Line[]> {
  const b = validBundle() as Record<string, Line[]>;
  const s = (over: Record<string, unknown>, drop?: string) => {
    const r: Record<string, unknown> = {
      id: 'x',
      storyId: 's1',
      readerId: 'm2',
      startedAt: '2026-10-04T10:00:00Z',
      activeSeconds: 5,
      mode: 'read',
      ...over,
    };
    if (drop) delete r[drop];
    return r;
  };
  b.sessions.push(
    s({ id: 'x1', startedAt: '2026-10-32T00:00:00Z' }), // line 4
    s({ id: 'x2', mode: 'skim' }), // 5
    s({ id: 'x3', activeSeconds: -5 }), // 6
    s({ id: 'x4', storyId: 's404' }), // 7
    s({ id: 'x5', activeSeconds: '45' }), // 8
    s({ id: 'x6' }, 'startedAt'), // 9
    '{"id": "x7", "storyId": ', // 10
    s({ id: 'x8', startedAt: '2026-10-04T10:00:00' }), // 11
    '', // 12: blank, not a record
    s({ id: 'x9', readerId: 'nobody' }), // 13
    s({ id: 'y'.repeat(65) }), // 14
    '[1, 2]', // 15
  );
  b.stories.push({ id: 's3', authorId: 'm1', publicationId: null, title: 'T', publishedAt: null, membersOnly: 'yes', status: 'draft' }); // line 3
  b.referrals.push(
    { id: 'r2', referrerId: 'm1', referredMemberId: 'm3', referredAt: '2023-09-01T00:00:00Z', pageSlug: 'ref-ada' }, // 2
    { id: 'r3', referrerId: 'm1', referredMemberId: 'm3', referredAt: '2023-09-01T02:00:00+02:00', pageSlug: 'ref-ada' }, // 3: the cutoff instant
    { id: 'r4', referrerId: 'm1', referredMemberId: 'M4', referredAt: '2023-09-01T01:59:59+02:00', pageSlug: 'ref-ada' }, // 4: a second before
  );
  b.charges.push({ ...(b.charges[0] as object), id: 'ch2', memberId: 'ghost' }); // 2
  b.engagements.push({ id: 'e3', storyId: 's1', memberId: 'm2', kind: 'highlight', occurredAt: '2026-10-04T10:05:00Z', count: 3 }); // 3
  b.boosts.push({ id: 'b2', storyId: 's1', startsAt: '2026-10-15T00:00:00Z', endsAt: '2026-10-01T00:00:00Z', source: 'curator' }); // 2
  b.tickets.push({ ...(b.tickets[0] as object), id: 't2', category: 'rant', period: '2026-13' }); // 2
  b.members.push({
    id: 'm5',
    username: 'e',
    name: 'E',
    email: 'e@example.org',
    country: 'gb',
    birthDate: '2001-02-29',
    joinedAt: '2024-01-01T00:00:00Z',
  }); // 5
  return b;
}

const EXPECTED_REJECTIONS: [string, number, RegExp][] = [
  ['members.ndjson', 5, /^country must be an ISO 3166-1 alpha-2 country code.*; birthDate is not a date \(YYYY-MM-DD\)$/],
  ['stories.ndjson', 3, /^membersOnly must be a boolean \(got a string\)$/],
  ['charges.ndjson', 2, /^unknown member ghost$/],
  ['referrals.ndjson', 2, /^the referral program ended on 2023-09-01: referredAt 2023-09-01T00:00:00Z is too late/],
  ['referrals.ndjson', 3, /^the referral program ended on 2023-09-01: referredAt 2023-09-01T02:00:00\+02:00 is too late/],
  ['sessions.ndjson', 4, /^startedAt is not an ISO 8601 timestamp with offset/],
  ['sessions.ndjson', 5, /^mode must be read or listen \(got "skim"\)$/],
  ['sessions.ndjson', 6, /^activeSeconds must be an integer >= 0 \(got -5\)$/],
  ['sessions.ndjson', 7, /^unknown story s404$/],
  ['sessions.ndjson', 8, /^activeSeconds must be an integer >= 0 \(got a string\)$/],
  ['sessions.ndjson', 9, /^missing field startedAt$/],
  ['sessions.ndjson', 10, /^the line is not valid JSON/],
  ['sessions.ndjson', 11, /^startedAt is not an ISO 8601 timestamp with offset/],
  ['sessions.ndjson', 13, /^unknown member nobody \(readerId\)$/],
  ['sessions.ndjson', 14, /^id must be 1 to 64 characters long \(got 65\)$/],
  ['sessions.ndjson', 15, /^a record must be a JSON object \(got an array\)$/],
  ['engagements.ndjson', 3, /^count must be 1 for a highlight/],
  ['boosts.ndjson', 2, /^endsAt must be after startsAt$/],
  [
    'tickets.ndjson',
    2,
    /^category must be earnings_drop, missing_payout, eligibility, referral, boost or other \(got "rant"\); period is not a month \(YYYY-MM\)$/,
  ],
];

const VALID_COUNTS: Record<string, number> = {
  members: 4,
  publications: 1,
  stories: 2,
  memberships: 1,
  charges: 1,
  enrollments: 1,
  payoutAccounts: 1,
  follows: 1,
  referrals: 2,
  sessions: 3,
  engagements: 2,
  boosts: 1,
  nominations: 1,
  applications: 1,
  tickets: 1,
};
const TABLES: Record<string, string> = { payoutAccounts: 'payout_accounts' };

describe('bundle import', () => {
  let db: TestDatabase;
  let folder: string;
  let first: ImportRun;
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;

  beforeAll(async () => {
    db = await freshDatabase();
    folder = await writeBundle(bundleWithErrors());
    first = await runImport(db.url, folder);
  });
  afterAll(async () => {
    await removeDir(folder);
    await db.drop();
  });

  it('imports every kind; each invalid record is reported with file, line and reason, and the valid records are in', async () => {
    expect(first.report.kinds.map((k) => k.kind).sort()).toEqual(Object.keys(VALID_COUNTS).sort());
    const got = first.rejections.map((r) => [r.file, r.line, r.reason] as const);
    expect(got).toHaveLength(EXPECTED_REJECTIONS.length);
    for (const [file, line, reason] of EXPECTED_REJECTIONS) {
      const found = got.find(([f, l]) => f === file && l === line);
      expect({ file, line, reason: found?.[2] }).toEqual({ file, line, reason: expect.stringMatching(reason) });
    }
    for (const [kind, valid] of Object.entries(VALID_COUNTS)) {
      const rejected = EXPECTED_REJECTIONS.filter(([f]) => f === `${kind}.ndjson`).length;
      expect({ kind, ...first.byKind[kind] }).toEqual({
        kind,
        received: valid + rejected,
        inserted: valid,
        updated: 0,
        unchanged: 0,
        rejected,
      });
      const [{ n }] = await q(`SELECT count(*)::int AS n FROM ${TABLES[kind] ?? kind}`);
      expect({ kind, rows: n }).toEqual({ kind, rows: valid });
    }
    // references resolved to the right keys, across files
    expect(
      await q(
        `SELECT s.id, st.id AS story, m.id AS reader FROM sessions s JOIN stories st ON st.key = s.story_key LEFT JOIN members m ON m.key = s.reader_key ORDER BY s.id`,
      ),
    ).toEqual([
      { id: 'v1', story: 's1', reader: 'm2' },
      { id: 'v2', story: 's1', reader: null },
      { id: 'v3', story: 's2', reader: 'M4' },
    ]);
    expect(await q(`SELECT name FROM members WHERE id IN ('m2', 'm3') ORDER BY id`)).toEqual([
      { name: 'Bob "B" Tab\there' },
      { name: 'Cy\\Backslash\nNewline' },
    ]);
    expect(await q(`SELECT covers_from::text, gross_cents::text, net_cents::text FROM charges`)).toEqual([
      { covers_from: '2026-10-01', gross_cents: '500', net_cents: '455' },
    ]);
    expect(await q(`SELECT ai_disclosed, language, members_only FROM stories WHERE id = 's2'`)).toEqual([
      { ai_disclosed: false, language: 'en', members_only: false },
    ]);
    expect(await q(`SELECT status, period FROM tickets`)).toEqual([{ status: 'open', period: '2026-10' }]);
  });

  it('stores timestamps with offsets as the right UTC instant', async () => {
    const iso = async (sql: string) => (await q(sql)).map((r) => (r.at as Date).toISOString());
    expect(await iso(`SELECT started_at AS at FROM sessions ORDER BY id`)).toEqual([
      '2026-10-04T10:00:00.000Z',
      '2026-10-04T10:00:00.000Z',
      '2026-10-31T23:59:59.999Z',
    ]);
    expect(await q(`SELECT to_char(started_at AT TIME ZONE 'UTC', 'US') AS us FROM sessions WHERE id = 'v3'`)).toEqual([{ us: '999999' }]);
    expect(await iso(`SELECT joined_at AS at FROM members WHERE id IN ('m1', 'm3') ORDER BY id`)).toEqual([
      '2024-01-01T08:00:00.000Z',
      '2024-03-01T05:00:00.000Z',
    ]);
    // the referral a second before the cutoff (given at +02:00) is in; the one at the cutoff is not
    expect(await iso(`SELECT referred_at AS at FROM referrals ORDER BY id`)).toEqual([
      '2023-08-31T23:59:59.000Z',
      '2023-08-31T23:59:59.000Z',
    ]);
  });

  it('a second import of the same folder changes nothing and says so', async () => {
    const before = await q(`SELECT id, xmin::text FROM sessions UNION ALL SELECT id, xmin::text FROM members ORDER BY 1`);
    const again = await runImport(db.url, folder);
    expect(again.report.changed).toBe(false);
    for (const [kind, valid] of Object.entries(VALID_COUNTS)) {
      const rejected = EXPECTED_REJECTIONS.filter(([f]) => f === `${kind}.ndjson`).length;
      expect({ kind, ...again.byKind[kind] }).toEqual({
        kind,
        received: valid + rejected,
        inserted: 0,
        updated: 0,
        unchanged: valid,
        rejected,
      });
    }
    expect(again.rejections.map((r) => `${r.file}:${r.line}`)).toEqual(first.rejections.map((r) => `${r.file}:${r.line}`));
    expect(await q(`SELECT id, xmin::text FROM sessions UNION ALL SELECT id, xmin::text FROM members ORDER BY 1`)).toEqual(before);
  });

  it('updates a changed record (last write wins) and keeps its key', async () => {
    const b = validBundle();
    b.sessions[0].activeSeconds = 46;
    b.members[1].name = 'Robert';
    const [{ key }] = await q(`SELECT key FROM members WHERE id = 'm2'`);
    const changed = await writeBundle({ sessions: b.sessions, members: b.members });
    try {
      const r = await runImport(db.url, changed);
      expect(r.byKind.sessions).toEqual({ received: 3, inserted: 0, updated: 1, unchanged: 2, rejected: 0 });
      expect(r.byKind.members).toEqual({ received: 4, inserted: 0, updated: 1, unchanged: 3, rejected: 0 });
      expect(await q(`SELECT active_seconds FROM sessions WHERE id = 'v1'`)).toEqual([{ active_seconds: 46 }]);
      expect(await q(`SELECT key, name FROM members WHERE id = 'm2'`)).toEqual([{ key, name: 'Robert' }]);
    } finally {
      await removeDir(changed);
    }
  });

  it('the command line prints each refused record as file:line and a summary (here: undoing the update above)', async () => {
    const { stdout } = await run(process.execPath, ['dist/apps/cli/src/main.js', 'import', folder], {
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: '', LOG_LEVEL: 'silent' },
    });
    expect(stdout).toContain('sessions.ndjson:6 ("x3"): activeSeconds must be an integer >= 0 (got -5)');
    expect(stdout).toContain('referrals.ndjson:2 ("r2"): the referral program ended on 2023-09-01');
    expect(stdout).toMatch(/sessions\.ndjson +14 +0 +1 +2 +11/);
    expect(stdout).toMatch(/imported .* in [\d.]+ s: 0 inserted, 2 updated, 21 unchanged, 19 rejected/);
  });
});

describe('bundle import: duplicates and the example bundle', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('an id repeated in one file: the last line wins, the earlier one counts as unchanged', async () => {
    const m = validBundle().members;
    const folder = await writeBundle({ members: [m[0], { ...m[1], name: 'first' }, m[2], { ...m[1], name: 'second' }] });
    try {
      const r = await runImport(db.url, folder);
      expect(r.byKind.members).toEqual({ received: 4, inserted: 3, updated: 0, unchanged: 1, rejected: 0 });
      expect((await db.pool.query(`SELECT name FROM members WHERE id = 'm2'`)).rows).toEqual([{ name: 'second' }]);
      const again = await runImport(db.url, folder);
      expect(again.byKind.members).toEqual({ received: 4, inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
    } finally {
      await removeDir(folder);
    }
  });

  it('ids with backslashes, tabs, quotes and non-ASCII characters are kept exactly and resolve as references (both encode paths)', async () => {
    await db.pool.query(`TRUNCATE members, stories, sessions`);
    const b = validBundle();
    const odd = ['back\\slash', 'tab\there', 'quote"d', 'Zoë ✓', 'emoji😀', 'new\nline'];
    const members = odd.map((id, i) => ({ ...b.members[0], id, username: `u${i}` }));
    const stories = [{ ...b.stories[1], id: 'st\\1', authorId: odd[3] }];
    const sessions = odd.map((id, i) => ({ ...b.sessions[0], id: `${id}-v`, storyId: 'st\\1', readerId: id, activeSeconds: i }));
    for (const workers of [0, 2]) {
      await db.pool.query(`TRUNCATE members, stories, sessions`);
      const folder = await writeBundle({ members, stories, sessions });
      try {
        const r = await runImport(db.url, folder, { workers, workerMinBytes: 0 });
        expect(r.rejections).toEqual([]);
        const rows = await db.pool.query(
          `SELECT s.id, m.id AS reader, st.id AS story FROM sessions s JOIN members m ON m.key = s.reader_key JOIN stories st ON st.key = s.story_key ORDER BY s.active_seconds`,
        );
        expect(rows.rows).toEqual(odd.map((id) => ({ id: `${id}-v`, reader: id, story: 'st\\1' })));
      } finally {
        await removeDir(folder);
      }
    }
  });

  it('imports october-small completely (boundary cases, offsets, ids in byte order)', async () => {
    await db.pool.query(`TRUNCATE members, stories, sessions`);
    const dir = join(EXAMPLES, 'october-small');
    const r = await runImport(db.url, dir);
    expect(r.rejections).toEqual([]);
    for (const k of r.report.kinds) {
      const lines = readFileSync(join(dir, k.file), 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length;
      expect({ kind: k.kind, inserted: k.inserted }).toEqual({ kind: k.kind, inserted: lines });
    }
    expect(r.report.ignored).toEqual(['expected-2026-10.json']);
  });
});
