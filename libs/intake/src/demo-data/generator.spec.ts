import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_KINDS, UNSUPPORTED_COUNTRIES, generateBundle } from './generator.js';
import { SCHEMA } from './records.test.js';

type Rec = Record<string, unknown>;

const PERIOD = '2026-10';
const PREVIOUS = '2026-09';
const SEED = 7;

/** File names exactly as in spec/import-format.md. */
const FILES = [
  'members.ndjson',
  'memberships.ndjson',
  'charges.ndjson',
  'publications.ndjson',
  'stories.ndjson',
  'enrollments.ndjson',
  'payoutAccounts.ndjson',
  'boosts.ndjson',
  'sessions.ndjson',
  'engagements.ndjson',
  'follows.ndjson',
  'referrals.ndjson',
  'nominations.ndjson',
  'applications.ndjson',
  'tickets.ndjson',
];

// ---- fixtures --------------------------------------------------------------------------

let root = '';
let dirA = '';
let counts: Record<string, number> = {};
const progress: Array<[string, number]> = [];
const data: Record<string, Rec[]> = {};

const ms = (ts: unknown): number => Date.parse(ts as string);
const rows = (kind: string): Rec[] => data[kind];
const idsOf = (kind: string, field = 'id'): Set<unknown> => new Set(rows(kind).map((r) => r[field]));
const byId = (kind: string): Map<unknown, Rec> => new Map(rows(kind).map((r) => [r.id, r]));

function parseLines(text: string, kind: string): Rec[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Rec;
      } catch (e) {
        throw new Error(`${kind}.ndjson line ${i + 1} is not JSON: ${String(e)}`, { cause: e });
      }
    });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'demo-gen-'));
  dirA = join(root, 'a');
  counts = await generateBundle({
    size: 'tiny',
    seed: SEED,
    outDir: dirA,
    period: PERIOD,
    onProgress: (kind, n) => progress.push([kind, n]),
  });
  for (const kind of BUNDLE_KINDS) data[kind] = parseLines(await readFile(join(dirA, `${kind}.ndjson`), 'utf8'), kind);
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

// ---- tests -----------------------------------------------------------------------------

describe('generateBundle (tiny)', () => {
  it('writes exactly the bundle files, with the row counts it reports', async () => {
    expect((await readdir(dirA)).sort()).toEqual([...FILES].sort());
    expect(Object.keys(counts).sort()).toEqual(FILES.map((f) => f.replace('.ndjson', '')).sort());
    for (const kind of BUNDLE_KINDS) {
      expect({ kind, rows: rows(kind).length }).toEqual({ kind, rows: counts[kind] });
      expect({ kind, empty: counts[kind] === 0 }).toEqual({ kind, empty: false });
      expect(progress).toContainEqual([kind, counts[kind]]);
    }
    // the size's sessions, and the integrity plants' (ids ip…, integrity-plants.ts)
    expect(rows('sessions').filter((r) => !String(r.id).startsWith('ip')).length).toBe(2_000);
    expect(counts.members).toBeGreaterThanOrEqual(100);
  });

  it('is deterministic for a seed and varies with it', async () => {
    const dirB = join(root, 'b');
    const dirC = join(root, 'c');
    await generateBundle({ size: 'tiny', seed: SEED, outDir: dirB, period: PERIOD });
    await generateBundle({ size: 'tiny', seed: SEED + 1, outDir: dirC, period: PERIOD });
    for (const file of FILES) {
      const a = await readFile(join(dirA, file));
      const b = await readFile(join(dirB, file));
      expect({ file, same: a.equals(b) }).toEqual({ file, same: true });
    }
    const s1 = await readFile(join(dirA, 'sessions.ndjson'), 'utf8');
    const s3 = await readFile(join(dirC, 'sessions.ndjson'), 'utf8');
    expect(s1).not.toEqual(s3);
  });

  it('rejects a bad period or size', async () => {
    await expect(generateBundle({ size: 'tiny', seed: 1, outDir: join(root, 'x'), period: '2026-13' })).rejects.toThrow(/period/);
    await expect(generateBundle({ size: 'huge' as never, seed: 1, outDir: join(root, 'x'), period: PERIOD })).rejects.toThrow(/size/);
  });

  it('gives every record exactly the fields of its kind, with valid values', () => {
    for (const kind of BUNDLE_KINDS) {
      const schema = SCHEMA[kind];
      const fields = Object.keys(schema).sort();
      for (const [i, rec] of rows(kind).entries()) {
        expect({ kind, i, fields: Object.keys(rec).sort() }).toEqual({ kind, i, fields });
        const bad = fields.filter((f) => !schema[f](rec[f]));
        expect({ kind, i, bad, rec }).toEqual({ kind, i, bad: [], rec });
      }
    }
  });

  it('has unique ids per kind (one payout account per member)', () => {
    for (const kind of BUNDLE_KINDS) {
      const key = kind === 'payoutAccounts' ? 'memberId' : 'id';
      expect({ kind, unique: idsOf(kind, key).size }).toEqual({ kind, unique: rows(kind).length });
    }
    expect(idsOf('members', 'username').size).toBe(rows('members').length);
    expect(idsOf('applications', 'memberId').size).toBe(rows('applications').length);
  });

  it('resolves every reference', () => {
    const members = idsOf('members');
    const stories = idsOf('stories');
    const pubs = idsOf('publications');
    const refs: Array<[string, string, Set<unknown>]> = [
      ['memberships', 'memberId', members],
      ['charges', 'memberId', members],
      ['stories', 'authorId', members],
      ['stories', 'publicationId', pubs],
      ['enrollments', 'memberId', members],
      ['payoutAccounts', 'memberId', members],
      ['boosts', 'storyId', stories],
      ['sessions', 'storyId', stories],
      ['sessions', 'readerId', members],
      ['engagements', 'storyId', stories],
      ['engagements', 'memberId', members],
      ['follows', 'followerId', members],
      ['follows', 'followeeId', members],
      ['referrals', 'referrerId', members],
      ['referrals', 'referredMemberId', members],
      ['nominations', 'storyId', stories],
      ['nominations', 'nominatorId', members],
      ['nominations', 'publicationId', pubs],
      ['applications', 'memberId', members],
      ['tickets', 'memberId', members],
      ['tickets', 'storyId', stories],
    ];
    for (const [kind, field, target] of refs) {
      const dangling = rows(kind)
        .map((r) => r[field])
        .filter((v) => v !== null && !target.has(v));
      expect({ kind, field, dangling }).toEqual({ kind, field, dangling: [] });
    }
    // A nomination is for a story of the nominating publication.
    const story = byId('stories');
    for (const n of rows('nominations')) expect(story.get(n.storyId)?.publicationId).toBe(n.publicationId);
  });

  it('has only legacy referrals before 2023-09-01, one page slug per referrer', () => {
    const cutoff = Date.parse('2023-09-01T00:00:00Z');
    const slugOf = new Map<unknown, unknown>();
    const ownerOf = new Map<unknown, unknown>();
    const joined = new Map(rows('members').map((m) => [m.id, ms(m.joinedAt)]));
    for (const r of rows('referrals')) {
      expect(ms(r.referredAt)).toBeLessThan(cutoff);
      expect(r.referrerId).not.toBe(r.referredMemberId);
      expect(joined.get(r.referrerId)!).toBeLessThan(ms(r.referredAt));
      expect(slugOf.get(r.referrerId) ?? r.pageSlug).toBe(r.pageSlug);
      expect(ownerOf.get(r.pageSlug) ?? r.referrerId).toBe(r.referrerId);
      slugOf.set(r.referrerId, r.pageSlug);
      ownerOf.set(r.pageSlug, r.referrerId);
    }
    expect(idsOf('referrals', 'referredMemberId').size).toBe(rows('referrals').length);
  });

  it('keeps amounts and intervals consistent', () => {
    for (const c of rows('charges')) {
      expect(c.netCents).toBe((c.grossCents as number) - (c.feeCents as number));
      expect(c.netCents as number).toBeGreaterThan(0);
    }
    for (const m of rows('memberships')) if (m.endedAt !== null) expect(ms(m.endedAt)).toBeGreaterThan(ms(m.startedAt));
    for (const e of rows('enrollments')) if (e.leftAt !== null) expect(ms(e.leftAt)).toBeGreaterThan(ms(e.enrolledAt));
    for (const f of rows('follows')) {
      expect(f.followerId).not.toBe(f.followeeId);
      if (f.unfollowedAt !== null) expect(ms(f.unfollowedAt)).toBeGreaterThan(ms(f.followedAt));
    }
    for (const b of rows('boosts')) expect(ms(b.endsAt) - ms(b.startsAt)).toBe(14 * 86_400_000);
    for (const e of rows('engagements')) {
      if (e.kind === 'clap') {
        expect(e.count as number).toBeGreaterThanOrEqual(1);
        expect(e.count as number).toBeLessThanOrEqual(50);
      } else expect(e.count).toBe(1);
    }
    for (const s of rows('stories')) expect(s.publishedAt === null).toBe(s.status === 'draft');
  });

  it('charges cover the two months of the data, annual ones from earlier months too', () => {
    const winStart = Date.parse(`${PREVIOUS}-01T00:00:00Z`);
    const winEnd = Date.parse('2026-11-01T00:00:00Z');
    for (const c of rows('charges')) {
      expect(ms(c.chargedAt)).toBeLessThan(winEnd);
      if (c.plan === 'monthly') expect([PREVIOUS, PERIOD]).toContain(c.coversFrom);
      else expect((c.coversFrom as string) >= '2025-10' && (c.coversFrom as string) <= PERIOD).toBe(true);
      expect(ms(c.chargedAt)).toBeGreaterThanOrEqual(Date.parse(`${c.coversFrom as string}-01T00:00:00Z`));
    }
    const coverage = rows('charges').filter((c) => c.plan === 'annual' && (c.coversFrom as string) < PREVIOUS);
    expect(coverage.length).toBeGreaterThan(0);
    for (const c of coverage) expect(ms(c.chargedAt)).toBeLessThan(winStart);
  });

  it('puts sessions in the two months, mostly in the period, after the story was published', () => {
    const story = byId('stories');
    const winStart = Date.parse(`${PREVIOUS}-01T00:00:00Z`);
    const pStart = Date.parse(`${PERIOD}-01T00:00:00Z`);
    const winEnd = Date.parse('2026-11-01T00:00:00Z');
    const joined = new Map(rows('members').map((m) => [m.id, ms(m.joinedAt)]));
    let inPeriod = 0;
    for (const s of rows('sessions')) {
      const t = ms(s.startedAt);
      expect(t).toBeGreaterThanOrEqual(winStart);
      expect(t).toBeLessThan(winEnd);
      if (t >= pStart) inPeriod++;
      const st = story.get(s.storyId)!;
      expect(st.publishedAt).not.toBeNull();
      expect(t).toBeGreaterThanOrEqual(ms(st.publishedAt));
      if (s.readerId !== null) expect(t).toBeGreaterThanOrEqual(joined.get(s.readerId)!);
    }
    expect(inPeriod / counts.sessions).toBeGreaterThan(0.5);
  });

  it('looks like real reading data', () => {
    const sessions = rows('sessions');
    const share = (pred: (s: Rec) => boolean) => sessions.filter(pred).length / sessions.length;
    expect(share((s) => s.readerId === null)).toBeGreaterThan(0.4);
    expect(share((s) => (s.activeSeconds as number) < 30)).toBeGreaterThan(0.5);
    expect(share((s) => (s.activeSeconds as number) >= 30)).toBeGreaterThan(0.2);
    expect(share((s) => s.mode === 'listen')).toBeGreaterThan(0);
    expect(share((s) => !(s.startedAt as string).endsWith('Z'))).toBeGreaterThan(0);

    // Heavy-tailed popularity: the top story has many times the median views.
    const views = new Map<unknown, number>();
    for (const s of sessions) views.set(s.storyId, (views.get(s.storyId) ?? 0) + 1);
    const sorted = [...views.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(5 * sorted[Math.floor(sorted.length / 2)]);

    const stories = rows('stories');
    for (const status of ['published', 'unlisted', 'draft', 'deleted']) expect(stories.some((s) => s.status === status)).toBe(true);
    expect(stories.filter((s) => s.membersOnly).length).toBeGreaterThan(stories.length * 0.4);
    expect(stories.some((s) => s.aiDisclosed)).toBe(true);

    expect(rows('members').some((m) => m.earningsExcluded)).toBe(true);
    expect(rows('memberships').some((m) => m.plan === 'annual')).toBe(true);
    expect(rows('memberships').some((m) => m.plan === 'monthly')).toBe(true);
    expect(rows('charges').some((c) => c.status === 'refunded')).toBe(true);
    expect(rows('enrollments').some((e) => e.leftAt !== null)).toBe(true);
    expect(rows('payoutAccounts').some((p) => p.status !== 'verified')).toBe(true);
    expect(rows('payoutAccounts').some((p) => p.taxStatus === 'missing')).toBe(true);
    expect(rows('follows').some((f) => f.unfollowedAt !== null)).toBe(true);
    expect(new Set(rows('engagements').map((e) => e.kind)).size).toBe(3);

    // Most writers are enrolled partners.
    const authors = idsOf('stories', 'authorId');
    const enrolled = idsOf('enrollments', 'memberId');
    expect([...authors].filter((a) => enrolled.has(a)).length).toBeGreaterThan(authors.size / 2);
    for (const e of enrolled) expect(authors.has(e)).toBe(true);
  });

  it('feeds the live queues: applications failing each rule, nominations, tickets', () => {
    const apps = rows('applications');
    expect(apps.some((a) => UNSUPPORTED_COUNTRIES.includes(a.country as string))).toBe(true);
    expect(apps.some((a) => ms(`${a.birthDate as string}T00:00:00Z`) > ms(a.submittedAt) - 18 * 365.25 * 86_400_000)).toBe(true);
    const member = byId('members');
    for (const a of apps) expect(ms(a.submittedAt)).toBeGreaterThan(ms(member.get(a.memberId)!.joinedAt));

    const story = byId('stories');
    for (const n of rows('nominations')) {
      const st = story.get(n.storyId)!;
      expect(st.publishedAt).not.toBeNull();
      expect(ms(n.nominatedAt)).toBeGreaterThan(ms(st.publishedAt));
    }

    const tickets = rows('tickets');
    expect(new Set(tickets.map((t) => t.category)).size).toBe(6);
    for (const t of tickets) {
      const earnings = t.category === 'earnings_drop' || t.category === 'missing_payout';
      expect({ id: t.id, hasPeriod: t.period !== null }).toEqual({ id: t.id, hasPeriod: earnings });
      if (t.storyId !== null) expect(story.get(t.storyId)!.authorId).toBe(t.memberId);
    }
  });

  it('covers more months when asked (history for the demo): sessions and charges in every month, the sizes per two months', async () => {
    const dir = join(root, 'six');
    const six = await generateBundle({ size: 'tiny', seed: SEED, outDir: dir, period: PERIOD, months: 6 });
    const records = (file: string) => parseLines(readFileSync(join(dir, file), 'utf8'), file);
    expect(records('sessions.ndjson').filter((r) => !String(r.id).startsWith('ip')).length).toBe(6_000);
    expect(six.sessions).toBe(records('sessions.ndjson').length);
    const months = (file: string, field: string) => new Set(records(file).map((r) => String(r[field]).slice(0, 7)));
    expect([...new Set(records('sessions.ndjson').map((r) => new Date(r.startedAt as string).toISOString().slice(0, 7)))].sort()).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    for (const m of ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'])
      expect(months('charges.ndjson', 'coversFrom').has(m)).toBe(true);
    await expect(generateBundle({ size: 'tiny', seed: 1, outDir: join(root, 'x'), period: PERIOD, months: 1 })).rejects.toThrow(/months/);
  });

  it('writes tickets that are true of their writer: eligibility from a failing applicant, boost from a boosted story, no invented amounts', () => {
    const tickets = rows('tickets');
    const apps = new Set(rows('applications').map((a) => a.memberId));
    const boosted = new Set(rows('boosts').map((b) => b.storyId));
    for (const t of tickets) {
      expect(t.body as string).not.toMatch(/\$\d/);
      if (t.category === 'eligibility') expect(apps.has(t.memberId)).toBe(true);
      if (t.category === 'boost') expect(boosted.has(t.storyId)).toBe(true);
    }
  });
});
