/*
 * Demo data generator: writes an import bundle (a folder of NDJSON files, one record
 * per line, shapes as in spec/import-format.md) with realistic-looking reading data for
 * the two months ending with `period`.
 *
 * - Deterministic: every random draw comes from seeded mulberry32 streams (one stream per
 *   phase), so a seed always gives byte-identical files.
 * - Streaming: the per-entity state the references need lives in typed arrays (a few
 *   bytes per member / story); records are formatted with string templates and written
 *   in chunks to fs write streams, waiting for 'drain' when a stream is full. No file is
 *   ever built in memory; `large` (10M sessions, 1M members) stays well under 300 MB.
 * - Consistent: every referenced id exists in the bundle; times respect causality
 *   (members join before they read, subscribe, write or follow; stories are read after
 *   they are published); referrals are all before 2023-09-01.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { TICKET_CATEGORIES, type TicketCategory } from '../../../help-desk/src/ticket-categories.js';
import { REFERRAL_CUTOFF } from '../../../referral-legacy/src/referral-rules.js';
import { isPeriod, monthIndex } from '../../../core/src/period/period.js';

export type DemoSize = 'tiny' | 'small' | 'medium' | 'large';

export interface GenerateBundleOptions {
  size: DemoSize;
  seed: number;
  outDir: string;
  /** `YYYY-MM`: the latest full month. The data covers this month and the one before. */
  period: string;
  /** Called with the rows written so far (periodically for big kinds, and once per kind when done). */
  onProgress?: (kind: string, rows: number) => void;
}

export interface DemoSizeConfig {
  sessions: number;
  members: number;
  stories: number;
}

export const DEMO_SIZES: Readonly<Record<DemoSize, DemoSizeConfig>> = Object.freeze({
  tiny: { sessions: 2_000, members: 250, stories: 50 },
  small: { sessions: 50_000, members: 5_000, stories: 1_000 },
  medium: { sessions: 1_000_000, members: 100_000, stories: 10_000 },
  large: { sessions: 10_000_000, members: 1_000_000, stories: 100_000 },
});

/** Kinds of a bundle, in the order the generator writes them; the file is `<kind>.ndjson`. */
export const BUNDLE_KINDS = [
  'members',
  'memberships',
  'charges',
  'publications',
  'stories',
  'enrollments',
  'payoutAccounts',
  'boosts',
  'sessions',
  'engagements',
  'follows',
  'referrals',
  'nominations',
  'applications',
  'tickets',
] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** Countries the generated data treats as unsupported for the Partner Program. */
export const UNSUPPORTED_COUNTRIES: readonly string[] = ['KP', 'IR', 'CU', 'SY'];

// ---------------------------------------------------------------------------------------
// Randomness

type Rng = () => number;

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function mulberry32(state: number): Rng {
  let a = state | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for one phase of the generation. */
function makeRng(seed: number, stream: number): Rng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mulberry32(mix32(mix32(lo ^ mix32(hi + 0x9e3779b9)) ^ Math.imul(stream + 1, 0x85ebca6b)));
}

/** Integer in [0, n). */
function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

function pick<T>(r: Rng, xs: ArrayLike<T>): T {
  return xs[Math.floor(r() * xs.length)];
}

/** Fisher-Yates shuffle in place. */
function shuffle(r: Rng, xs: Int32Array | number[]): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
}

/** Cumulative weights of a table, for `sampleCum`. */
function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = s += weights[i];
  return cum;
}

/** The first index whose cumulative weight exceeds `x` (x in [0, total)). */
function sampleCum(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Exponentially distributed with the given mean. */
function expo(r: Rng, mean: number): number {
  return -Math.log(1 - r()) * mean;
}

// ---------------------------------------------------------------------------------------
// Time (epoch seconds; formatted without Date objects on the hot paths)

const DAY = 86_400;
const HOUR = 3_600;
const REFERRAL_CUTOFF_SECONDS = Date.parse(REFERRAL_CUTOFF) / 1000;
const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

const dayCache = new Map<number, string>();
/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function dayString(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    if (dayCache.size > 200_000) dayCache.clear();
    dayCache.set(day, s);
  }
  return s;
}

function clock(secOfDay: number): string {
  const h = (secOfDay / HOUR) | 0;
  const rest = secOfDay - h * HOUR;
  const m = (rest / 60) | 0;
  return `${PAD2[h]}:${PAD2[m]}:${PAD2[rest - m * 60]}`;
}

/** ISO 8601 UTC timestamp with `Z`. */
function ts(sec: number): string {
  const day = Math.floor(sec / DAY);
  return `${dayString(day)}T${clock(sec - day * DAY)}Z`;
}

const OFFSETS: ReadonlyArray<readonly [number, string]> = [
  [2 * HOUR, '+02:00'],
  [-5 * HOUR, '-05:00'],
  [5.5 * HOUR, '+05:30'],
];

/** The same instant written in local time with an explicit offset. */
function tsOffset(sec: number, offset: readonly [number, string]): string {
  const local = sec + offset[0];
  const day = Math.floor(local / DAY);
  return `${dayString(day)}T${clock(local - day * DAY)}${offset[1]}`;
}

function monthStart(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / 1000;
}

function monthIndexOf(sec: number): number {
  const d = new Date(sec * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthString(monthIndex: number): string {
  const m = (monthIndex % 12) + 1;
  return `${Math.floor(monthIndex / 12)}-${m < 10 ? '0' : ''}${m}`;
}

/** `sec` moved by `k` calendar months, the day of month clamped to the target month's length. */
function addMonths(sec: number, k: number): number {
  const d = new Date(sec * 1000);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + k;
  const dim = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return (
    Date.UTC(y, mo, Math.min(d.getUTCDate(), dim), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000
  );
}

// ---------------------------------------------------------------------------------------
// Output

const CHUNK_CHARS = 1 << 18;

/** One NDJSON file, written in chunks with backpressure. */
class NdjsonOut {
  rows = 0;
  private buf = '';
  private error: Error | null = null;
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (e) => {
      this.error = e;
    });
  }

  /** Appends one record; true when the caller should `await flush()`. */
  add(line: string): boolean {
    this.buf += line + '\n';
    this.rows++;
    return this.buf.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.buf.length === 0) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }

  destroy(): void {
    this.stream.destroy();
  }
}

const str = (s: string): string => JSON.stringify(s);
const strOrNull = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

// ---------------------------------------------------------------------------------------
// Vocabulary

const COUNTRY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['US', 30], ['IN', 10], ['GB', 8], ['CA', 5], ['DE', 5], ['FR', 4], ['BR', 4], ['AU', 3],
  ['NG', 3], ['ES', 2], ['IT', 2], ['NL', 2], ['MX', 2], ['JP', 2], ['PH', 2], ['ID', 2],
  ['IE', 1], ['SE', 1], ['PL', 1], ['ZA', 1], ['KE', 1], ['SG', 1], ['NZ', 1], ['PK', 1],
  ['KR', 1], ['AR', 1], ['PT', 1], ['CH', 1], ['KP', 0.15], ['IR', 0.5], ['CU', 0.2], ['SY', 0.15],
];
const COUNTRY_CODES = COUNTRY_WEIGHTS.map((c) => c[0]);
const COUNTRY_CUM = cumulative(COUNTRY_WEIGHTS.map((c) => c[1]));
const UNSUPPORTED_INDEXES = new Set(UNSUPPORTED_COUNTRIES.map((c) => COUNTRY_CODES.indexOf(c)));

/** [display name, ASCII form for usernames] */
const FIRST_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Alice', 'alice'], ['Bob', 'bob'], ['Zoë', 'zoe'], ['José', 'jose'], ['Mei', 'mei'], ['Aarav', 'aarav'],
  ['Fatima', 'fatima'], ['Liam', 'liam'], ['Olivia', 'olivia'], ['Noah', 'noah'], ['Emma', 'emma'],
  ['Sofía', 'sofia'], ['Hiroshi', 'hiroshi'], ['Chloé', 'chloe'], ['Björn', 'bjorn'], ['Ngozi', 'ngozi'],
  ['Priya', 'priya'], ['Mateo', 'mateo'], ['Anna', 'anna'], ['Kwame', 'kwame'], ['Léa', 'lea'],
  ['Yuki', 'yuki'], ['Omar', 'omar'], ['Isabella', 'isabella'], ['Lucas', 'lucas'], ['Ava', 'ava'],
  ['Chen', 'chen'], ['Siobhán', 'siobhan'], ['Raj', 'raj'], ['Amara', 'amara'], ['Jan', 'jan'], ['Elif', 'elif'],
];
const LAST_NAMES: readonly string[] = [
  'Smith', "O'Brien", 'García', 'Nguyễn', 'Müller', 'Kowalski', 'Okafor', 'Patel', 'Kim', 'Dubois',
  'Rossi', 'Tanaka', 'Silva', 'van der Berg', 'Johansson', 'Smith-Jones', 'Ibrahim', 'Chen', 'Novák',
  'Fernández', "D'Angelo", 'Walker', 'Sato', 'Kumar', 'Murphy', 'Łukasz', 'Adeyemi', 'Schmidt',
];
const NICKNAMES: readonly string[] = ['Ace', 'Doc', 'Sunny', 'The Scribe', 'Red', 'Bookworm'];

const TITLE_HEADS: readonly string[] = [
  'How I Learned to Love', 'Why We Stopped Using', 'What Nobody Tells You About', 'The Quiet Power of',
  'Stop Worrying About', 'A Beginner’s Guide to', 'I Tried', '10 Lessons From', 'The Case Against',
  'Notes on', 'Everything I Know About', 'In Defense of', 'The Hidden Cost of', 'Rethinking',
];
const TITLE_TAILS: readonly string[] = [
  'Writing Every Day', 'Remote Work', 'TypeScript', 'Grief', 'Sourdough', 'Burnout', 'Postgres',
  'Saying “No”', 'the "Perfect" Morning Routine', 'Café Culture', 'Side Projects', 'Minimalism',
  'C:\\Temp and Other Horrors', 'Running a Marathon at 40', 'Being a Manager', 'Money & Happiness',
  'Learning Japanese (日本語)', 'My Dad’s Garden', 'Open Source', 'Sleep', 'Cold Showers', 'Startups',
  '<script> Tags in Markdown', 'the 4-Day Week', 'Loneliness', 'Climate Anxiety',
];
const PUB_HEADS: readonly string[] = [
  'The', 'Better', 'Bright', 'Quiet', 'Curious', 'Modern', 'Slow', 'Open', 'Human', 'Wild',
  'Level', 'Plain', 'Deep', 'New',
];
const PUB_TAILS: readonly string[] = [
  'Startup', 'Programming', 'Ideas', 'Letters', 'Parents', 'Minds', 'Kitchen', 'Stack', 'Writers',
  'Science & Society', 'Money', '“Long Reads”', 'Travel Notes', 'Café', 'Bytes', 'Health',
];
const LANGUAGES: readonly string[] = ['en', 'es', 'pt', 'de', 'fr', 'ja', 'hi'];
const LANGUAGE_CUM = cumulative([90, 3, 2, 2, 1.5, 1, 0.5]);

const TICKET_CUM = cumulative([35, 20, 15, 10, 10, 10]);

// Member flags
const F_WRITER = 1;
const F_ENROLLED = 2; // ever enrolled in the Partner Program
const F_PAYING = 4; // has a membership (possibly ended) from the generator's main plan
const F_EXCLUDED = 8;
const F_REFERRED = 16;
const F_MINOR = 32;
const F_ENROLLED_NOW = 64; // enrollment open at the end of the data
const F_REFERRER = 128;

// Story statuses
const ST_DRAFT = 0;
const ST_PUBLISHED = 1;
const ST_UNLISTED = 2;
const ST_DELETED = 3;
const STATUS_NAMES: readonly string[] = ['draft', 'published', 'unlisted', 'deleted'];

// Application failure bits (0 = passes every check)
const APP_NOT_MEMBER = 1;
const APP_NO_STORY = 2;
const APP_COUNTRY = 4;
const APP_UNDER_18 = 8;

// ---------------------------------------------------------------------------------------

export async function generateBundle(opts: GenerateBundleOptions): Promise<Record<string, number>> {
  const cfg = (DEMO_SIZES as Record<string, DemoSizeConfig | undefined>)[opts.size];
  if (!cfg) throw new Error(`unknown demo size "${String(opts.size)}" (tiny, small, medium, large)`);
  if (!Number.isFinite(opts.seed)) throw new Error('seed must be a finite number');
  if (!isPeriod(opts.period)) throw new Error(`period must be YYYY-MM, got "${opts.period}"`);
  const periodIndex = monthIndex(opts.period);
  await mkdir(opts.outDir, { recursive: true });
  const gen = new BundleGenerator(cfg, opts.seed, periodIndex, opts.outDir, opts.onProgress);
  return gen.run();
}

class BundleGenerator {
  // sizes
  private readonly nMembers: number;
  private readonly nStories: number;
  private readonly nSessions: number;
  private readonly nPublications: number;

  // time frame
  private readonly periodIndex: number;
  private readonly winStart: number; // first instant of the previous month
  private readonly pStart: number; // first instant of the period
  private readonly winEnd: number; // first instant of the month after the period
  private readonly platformStart: number;

  // members
  private readonly joined: Float64Array;
  private readonly birthDay: Float64Array; // NaN = unknown
  private readonly country: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly firstName: Uint8Array;
  private readonly lastName: Uint8Array;
  private readonly nickname: Uint8Array; // 255 = none
  private readonly msStart: Float64Array; // latest membership, NaN = none
  private readonly msEnd: Float64Array; // NaN = open
  private readonly referrerOf: Int32Array;
  private readonly lastPublished: Float64Array; // latest publishedAt of a published/unlisted story
  private readonly firstStory: Int32Array;
  private writers = new Int32Array(0);
  private readerOrder = new Int32Array(0);
  private nPaying = 0;

  // stories
  private readonly storyAuthor: Int32Array;
  private readonly storyPub: Int32Array;
  private readonly storyPublished: Float64Array; // NaN = draft
  private readonly storyStatus: Uint8Array;
  private readonly storyAi: Uint8Array;
  private storyByRank = new Int32Array(0);
  private storyCum = new Float64Array(0);
  private storyTotal = 0;
  private readonly pubEditors: Int32Array; // two slots per publication, -1 = none

  private readonly counts: Record<string, number> = {};
  private readonly open: NdjsonOut[] = [];

  constructor(
    cfg: DemoSizeConfig,
    private readonly seed: number,
    periodIndex: number,
    private readonly outDir: string,
    private readonly onProgress?: (kind: string, rows: number) => void,
  ) {
    this.nMembers = cfg.members;
    this.nStories = cfg.stories;
    this.nSessions = cfg.sessions;
    this.nPublications = Math.max(3, Math.round(cfg.stories / 100));
    this.periodIndex = periodIndex;
    this.winStart = monthStart(periodIndex - 1);
    this.pStart = monthStart(periodIndex);
    this.winEnd = monthStart(periodIndex + 1);
    this.platformStart = Math.min(Date.UTC(2019, 0, 1) / 1000, this.winStart - 3 * 365 * DAY);

    const n = cfg.members;
    this.joined = new Float64Array(n);
    this.birthDay = new Float64Array(n);
    this.country = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.firstName = new Uint8Array(n);
    this.lastName = new Uint8Array(n);
    this.nickname = new Uint8Array(n);
    this.msStart = new Float64Array(n).fill(NaN);
    this.msEnd = new Float64Array(n).fill(NaN);
    this.referrerOf = new Int32Array(n).fill(-1);
    this.lastPublished = new Float64Array(n).fill(NaN);
    this.firstStory = new Int32Array(n).fill(-1);

    const s = cfg.stories;
    this.storyAuthor = new Int32Array(s);
    this.storyPub = new Int32Array(s).fill(-1);
    this.storyPublished = new Float64Array(s).fill(NaN);
    this.storyStatus = new Uint8Array(s);
    this.storyAi = new Uint8Array(s);
    this.pubEditors = new Int32Array(this.nPublications * 2).fill(-1);
  }

  async run(): Promise<Record<string, number>> {
    try {
      this.planMembers();
      this.planStories();
      await this.writeMembers();
      await this.writeMembershipsAndCharges();
      await this.writePublications();
      await this.writeStories();
      await this.writeEnrollments();
      await this.writePayoutAccounts();
      await this.writeBoosts();
      await this.writeSessionsAndEngagements();
      await this.writeFollows();
      await this.writeReferrals();
      await this.writeNominations();
      await this.writeApplications();
      await this.writeTickets();
    } catch (e) {
      for (const o of this.open) o.destroy();
      throw e;
    }
    const out: Record<string, number> = {};
    for (const k of BUNDLE_KINDS) out[k] = this.counts[k] ?? 0;
    return out;
  }

  private rng(stream: number): Rng {
    return makeRng(this.seed, stream);
  }

  private out(kind: BundleKind): NdjsonOut {
    const o = new NdjsonOut(join(this.outDir, `${kind}.ndjson`));
    this.open.push(o);
    return o;
  }

  private async done(kind: BundleKind, o: NdjsonOut): Promise<void> {
    await o.close();
    this.open.splice(this.open.indexOf(o), 1);
    this.counts[kind] = o.rows;
    this.onProgress?.(kind, o.rows);
  }

  private username(i: number): string {
    return `${FIRST_NAMES[this.firstName[i]][1]}${i}`;
  }

  private displayName(i: number): string {
    const first = FIRST_NAMES[this.firstName[i]][0];
    const last = LAST_NAMES[this.lastName[i]];
    const nick = this.nickname[i];
    return nick === 255 ? `${first} ${last}` : `${first} "${NICKNAMES[nick]}" ${last}`;
  }

  private hasMembershipAt(i: number, t: number): boolean {
    const s = this.msStart[i];
    if (Number.isNaN(s) || s > t) return false;
    const e = this.msEnd[i];
    return Number.isNaN(e) || e > t;
  }

  /** A random instant in [lo, hi). */
  private between(r: Rng, lo: number, hi: number): number {
    return hi <= lo ? lo : lo + Math.floor(r() * (hi - lo));
  }

  // ---- planning (in memory, typed arrays) ------------------------------------------------

  private planMembers(): void {
    const n = this.nMembers;
    const r = this.rng(1);
    const latestJoin = this.winEnd - 2 * DAY;
    const span = latestJoin - this.platformStart;
    const endDay = Math.floor(this.winEnd / DAY);

    // Who writes: ~8% of the members, chosen without replacement.
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    shuffle(this.rng(2), perm);
    const nWriters = Math.max(3, Math.min(n, Math.round(n * 0.08)));
    this.writers = perm.slice(0, nWriters).sort();
    for (const w of this.writers) this.flags[w] |= F_WRITER;

    let minors = 0;
    let unsupported = 0;
    for (let i = 0; i < n; i++) {
      // Growth: more members joined recently (writers are older members on average).
      const isWriter = (this.flags[i] & F_WRITER) !== 0;
      const g = r();
      this.joined[i] = this.platformStart + Math.floor(span * (isWriter ? g : Math.sqrt(g)));
      const c = sampleCum(COUNTRY_CUM, r() * COUNTRY_CUM[COUNTRY_CUM.length - 1]);
      this.country[i] = c;
      const settled = this.joined[i] < this.winStart; // could apply to the Partner Program
      if (UNSUPPORTED_INDEXES.has(c) && settled) unsupported++;
      this.firstName[i] = int(r, FIRST_NAMES.length);
      this.lastName[i] = int(r, LAST_NAMES.length);
      this.nickname[i] = r() < 0.01 ? int(r, NICKNAMES.length) : 255;
      // Writers in unsupported countries cannot be partners.
      if (isWriter && r() < 0.78 && !UNSUPPORTED_INDEXES.has(c)) this.flags[i] |= F_ENROLLED;
      const b = r();
      // Minors: a few readers, and a few (not enrolled) teen writers.
      if (!(this.flags[i] & F_ENROLLED) && b < (isWriter ? 0.04 : 0.006)) {
        this.flags[i] |= F_MINOR;
        this.birthDay[i] = endDay - Math.floor((14 + r() * 3) * 365.25); // still a minor a year later
        if (settled) minors++;
      } else if (b < 0.09) {
        this.birthDay[i] = NaN;
      } else {
        const age = 19 + Math.min(60, expo(r, 14));
        this.birthDay[i] = endDay - Math.floor(age * 365.25);
      }
    }
    // Small bundles still get one member of each rare kind.
    // Small bundles still get a minor and a member from an unsupported country (non-writers,
    // members long enough to apply).
    const settle = (i: number) => {
      if (this.joined[i] >= this.winStart) this.joined[i] = this.platformStart + Math.floor((this.winStart - this.platformStart) * r());
    };
    if (minors === 0) {
      const i = perm[n - 1];
      this.flags[i] |= F_MINOR;
      this.birthDay[i] = endDay - 16 * 365;
      settle(i);
    }
    if (unsupported === 0) {
      this.country[perm[n - 2]] = COUNTRY_CODES.indexOf('IR');
      settle(perm[n - 2]);
    }

    // Legacy referrals: writers who joined before the cutoff referred members who joined
    // before it too; referredAt is just before the referred member's join.
    const cutoff = Math.min(REFERRAL_CUTOFF_SECONDS, this.winEnd);
    const pool: number[] = [];
    for (const w of this.writers) if (this.joined[w] < cutoff - 30 * DAY) pool.push(w);
    shuffle(r, pool);
    if (pool.length > 0) {
      for (let i = 0; i < n; i++) {
        if (this.joined[i] >= cutoff - DAY || r() >= 0.12) continue;
        for (let attempt = 0; attempt < 4; attempt++) {
          const u = r();
          const ref = pool[Math.floor(pool.length * u * u * Math.sqrt(u))];
          if (ref !== i && this.joined[ref] < this.joined[i] - HOUR) {
            this.referrerOf[i] = ref;
            this.flags[i] |= F_REFERRED;
            this.flags[ref] |= F_REFERRER;
            break;
          }
        }
      }
    }

    // Paying members (memberships are written later from these flags).
    let excluded = 0;
    let firstPaying = -1;
    for (let i = 0; i < n; i++) {
      const f = this.flags[i];
      const p = f & F_ENROLLED ? 0.92 : f & F_WRITER ? 0.5 : f & F_REFERRED ? 0.55 : 0.36;
      if (r() < p) {
        this.flags[i] |= F_PAYING;
        if (firstPaying < 0) firstPaying = i;
        if (r() < 0.004) {
          this.flags[i] |= F_EXCLUDED;
          excluded++;
        }
      }
    }
    if (excluded === 0 && firstPaying >= 0) this.flags[firstPaying] |= F_EXCLUDED;

    // Reader order: paying members first (they read the most), then the rest; sessions
    // draw from it partly uniformly over paying members, partly with a power law over
    // everyone (so a few members read a lot).
    this.readerOrder = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) if (this.flags[i] & F_PAYING) this.readerOrder[k++] = i;
    const nPaying = k;
    this.nPaying = nPaying;
    for (let i = 0; i < n; i++) if (!(this.flags[i] & F_PAYING)) this.readerOrder[k++] = i;
    const rr = this.rng(3);
    shuffle(rr, this.readerOrder.subarray(0, nPaying));
    shuffle(rr, this.readerOrder.subarray(nPaying));
  }

  private planStories(): void {
    const r = this.rng(10);
    const ns = this.nStories;
    const nw = this.writers.length;
    const np = this.nPublications;
    const latest = this.winEnd - HOUR;
    const prolific = this.writers.slice();
    shuffle(r, prolific);
    for (let s = 0; s < ns; s++) {
      // Every writer has a story; the rest go to prolific writers (heavy tail).
      let author: number;
      if (s < nw) author = this.writers[s];
      else {
        const u = r();
        author = prolific[Math.floor(nw * u * u)];
      }
      this.storyAuthor[s] = author;
      if (this.firstStory[author] < 0) this.firstStory[author] = s;
      const st = r();
      const status = st < 0.84 ? ST_PUBLISHED : st < 0.89 ? ST_UNLISTED : st < 0.95 ? ST_DRAFT : ST_DELETED;
      this.storyStatus[s] = status;
      if (status !== ST_DRAFT) {
        const j = this.joined[author];
        const t = j + Math.floor((latest - j) * Math.pow(r(), 0.6));
        this.storyPublished[s] = t;
      } else r();
      this.storyAi[s] = r() < 0.04 ? 1 : 0;
      if (r() < 0.3) {
        const u = r();
        this.storyPub[s] = Math.floor(np * u * u);
      }
    }
    // Rare statuses present even in tiny bundles.
    for (const status of [ST_UNLISTED, ST_DRAFT, ST_DELETED]) {
      if (ns < 8 || this.storyStatus.includes(status)) continue;
      const s = ns - 1 - status; // a late story (not the writers' first)
      this.storyStatus[s] = status;
      if (status === ST_DRAFT) this.storyPublished[s] = NaN;
      else if (Number.isNaN(this.storyPublished[s])) {
        this.storyPublished[s] = this.between(r, this.joined[this.storyAuthor[s]], this.winEnd - HOUR);
      }
    }
    if (ns >= 8 && !this.storyAi.includes(1)) this.storyAi[ns - 5] = 1;
    // Latest published (or unlisted) story of each writer, for the applications.
    for (let s = 0; s < ns; s++) {
      const st = this.storyStatus[s];
      if (st !== ST_PUBLISHED && st !== ST_UNLISTED) continue;
      const a = this.storyAuthor[s];
      const t = this.storyPublished[s];
      if (!(this.lastPublished[a] >= t)) this.lastPublished[a] = t;
    }

    // Editors of each publication: authors who publish there.
    for (let s = 0; s < ns; s++) {
      const p = this.storyPub[s];
      if (p < 0) continue;
      const a = this.storyAuthor[s];
      if (this.pubEditors[2 * p] < 0) this.pubEditors[2 * p] = a;
      else if (this.pubEditors[2 * p + 1] < 0 && this.pubEditors[2 * p] !== a && r() < 0.3) this.pubEditors[2 * p + 1] = a;
    }
    for (let p = 0; p < np; p++) if (this.pubEditors[2 * p] < 0) this.pubEditors[2 * p] = this.writers[int(r, nw)];

    // Popularity: Zipf over a random ranking of the readable stories.
    const readable: number[] = [];
    for (let s = 0; s < ns; s++) if (this.storyStatus[s] !== ST_DRAFT) readable.push(s);
    shuffle(this.rng(11), readable);
    this.storyByRank = Int32Array.from(readable);
    this.storyCum = new Float64Array(readable.length);
    let total = 0;
    for (let k = 0; k < readable.length; k++) {
      const w = Math.pow(k + 1, -0.95) * (this.storyStatus[readable[k]] === ST_PUBLISHED ? 1 : 0.3);
      this.storyCum[k] = total += w;
    }
    this.storyTotal = total;
  }

  /** A story drawn by popularity. */
  private popularStory(r: Rng): number {
    return this.storyByRank[sampleCum(this.storyCum, r() * this.storyTotal)];
  }

  // ---- files -----------------------------------------------------------------------------

  private async writeMembers(): Promise<void> {
    const o = this.out('members');
    const tlds = ['com', 'org', 'net'];
    for (let i = 0; i < this.nMembers; i++) {
      const u = this.username(i);
      const b = this.birthDay[i];
      const line =
        `{"id":"m${i}","username":"${u}","name":${str(this.displayName(i))},"email":"${u}@example.${tlds[i % 3]}",` +
        `"country":"${COUNTRY_CODES[this.country[i]]}","birthDate":${Number.isNaN(b) ? 'null' : `"${dayString(b)}"`},` +
        `"joinedAt":"${ts(this.joined[i])}","earningsExcluded":${(this.flags[i] & F_EXCLUDED) !== 0}}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('members', o);
  }

  private async writeMembershipsAndCharges(): Promise<void> {
    const r = this.rng(20);
    const ms = this.out('memberships');
    const ch = this.out('charges');
    const winEnd = this.winEnd;
    let msN = 0;
    let chN = 0;
    let refunded = 0;
    const prices = { monthly: [500, 1500], annual: [5000, 15000] } as const;

    const membership = async (i: number, plan: 'monthly' | 'annual', friend: boolean, start: number, end: number) => {
      const line =
        `{"id":"ms${msN++}","memberId":"m${i}","plan":"${plan}","tier":"${friend ? 'friend' : 'member'}",` +
        `"startedAt":"${ts(start)}","endedAt":${Number.isNaN(end) ? 'null' : `"${ts(end)}"`}}`;
      if (ms.add(line)) await ms.flush();
      // Charges covering the two months of the data.
      const regional = r() < 0.15;
      let gross: number = prices[plan][friend ? 1 : 0];
      if (regional) gross = Math.round(gross * 0.886);
      const fee = Math.round(gross * 0.029) + 30;
      const startMonth = monthIndexOf(start);
      let lastK = -1;
      for (let mi = this.periodIndex - 1; mi <= this.periodIndex; mi++) {
        const diff = mi - startMonth;
        if (diff < 0) continue;
        const k = plan === 'monthly' ? diff : Math.floor(diff / 12) * 12;
        if (k === lastK) continue;
        lastK = k;
        const at = addMonths(start, k);
        if (at >= winEnd || (!Number.isNaN(end) && at >= end)) continue;
        let status = 'paid';
        if (r() < 0.02 || (refunded === 0 && chN === 40)) {
          status = 'refunded';
          refunded++;
        }
        const line =
          `{"id":"ch${chN++}","memberId":"m${i}","plan":"${plan}","coversFrom":"${monthString(startMonth + k)}",` +
          `"chargedAt":"${ts(at)}","grossCents":${gross},"feeCents":${fee},"netCents":${gross - fee},"status":"${status}"}`;
        if (ch.add(line)) await ch.flush();
      }
    };

    for (let i = 0; i < this.nMembers; i++) {
      const f = this.flags[i];
      const joined = this.joined[i];
      const lastStart = winEnd - HOUR;
      if (f & F_PAYING) {
        const start =
          f & F_REFERRED ? joined + int(r, HOUR) : joined + Math.floor((lastStart - joined) * 0.7 * r() * r());
        // An earlier membership that ended before this one (lapsed and came back).
        if (start - joined > 120 * DAY && r() < 0.06) {
          const s0 = joined + Math.floor((start - joined) * 0.4 * r());
          const e0 = this.between(r, s0 + 30 * DAY, start);
          await membership(i, r() < 0.8 ? 'monthly' : 'annual', false, s0, e0);
        }
        const plan = r() < 0.25 ? 'annual' : 'monthly';
        const friend = r() < 0.1;
        let end = NaN;
        if (r() < 0.12 && winEnd - start > 3 * DAY) end = this.between(r, start + DAY, winEnd - HOUR);
        await membership(i, plan, friend, start, end);
        this.msStart[i] = start;
        this.msEnd[i] = end;
      } else if (r() < 0.05 && lastStart - joined > 40 * DAY) {
        // Lapsed: was a member for a while, is not any more.
        const s = this.between(r, joined, lastStart - 35 * DAY);
        const e = this.between(r, s + 30 * DAY, lastStart);
        await membership(i, 'monthly', false, s, e);
        this.msStart[i] = s;
        this.msEnd[i] = e;
      }
    }
    await this.done('memberships', ms);
    await this.done('charges', ch);
  }

  private async writePublications(): Promise<void> {
    const o = this.out('publications');
    const combos = PUB_HEADS.length * PUB_TAILS.length;
    const r = this.rng(30);
    const order = Array.from({ length: combos }, (_, k) => k);
    shuffle(r, order);
    for (let p = 0; p < this.nPublications; p++) {
      const c = order[p % combos];
      let name = `${PUB_HEADS[c % PUB_HEADS.length]} ${PUB_TAILS[Math.floor(c / PUB_HEADS.length)]}`;
      if (p >= combos) name += ` ${Math.floor(p / combos) + 1}`;
      if (o.add(`{"id":"pub${p}","name":${str(name)}}`)) await o.flush();
    }
    await this.done('publications', o);
  }

  private async writeStories(): Promise<void> {
    const r = this.rng(40);
    const o = this.out('stories');
    for (let s = 0; s < this.nStories; s++) {
      const a = this.storyAuthor[s];
      let title = `${pick(r, TITLE_HEADS)} ${pick(r, TITLE_TAILS)}`;
      if (r() < 0.1) title += ` (Part ${2 + int(r, 4)})`;
      const enrolled = (this.flags[a] & F_ENROLLED) !== 0;
      const membersOnly = r() < (enrolled ? 0.85 : 0.25);
      const lang = LANGUAGES[sampleCum(LANGUAGE_CUM, r() * LANGUAGE_CUM[LANGUAGE_CUM.length - 1])];
      const pub = this.storyPub[s];
      const at = this.storyPublished[s];
      const line =
        `{"id":"s${s}","authorId":"m${a}","publicationId":${pub < 0 ? 'null' : `"pub${pub}"`},"title":${str(title)},` +
        `"publishedAt":${Number.isNaN(at) ? 'null' : `"${ts(at)}"`},"membersOnly":${membersOnly},` +
        `"status":"${STATUS_NAMES[this.storyStatus[s]]}","aiDisclosed":${this.storyAi[s] === 1},"language":"${lang}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('stories', o);
  }

  private async writeEnrollments(): Promise<void> {
    const r = this.rng(50);
    const o = this.out('enrollments');
    const winEnd = this.winEnd;
    let n = 0;
    let ended = 0;
    const write = async (i: number, from: number, to: number) => {
      const line = `{"id":"en${n++}","memberId":"m${i}","enrolledAt":"${ts(from)}","leftAt":${Number.isNaN(to) ? 'null' : `"${ts(to)}"`}}`;
      if (o.add(line)) await o.flush();
    };
    for (const w of this.writers) {
      if (!(this.flags[w] & F_ENROLLED)) continue;
      const j = this.joined[w];
      const latest = winEnd - DAY;
      // Most partners enrolled before the data's first month, some during it.
      const from =
        r() < 0.85 && this.winStart - j > 2 * DAY
          ? this.between(r, j + DAY, this.winStart)
          : this.between(r, Math.max(j + HOUR, this.winStart), latest);
      const x = r();
      if ((x < 0.08 || (ended === 0 && n === 5)) && latest - from > 3 * DAY) {
        ended++;
        // Left: some long ago (balances forfeited after 180 days), some during the data.
        const to =
          x < 0.03 && winEnd - 200 * DAY > from + DAY
            ? this.between(r, from + DAY, winEnd - 200 * DAY)
            : this.between(r, Math.max(from + DAY, this.winStart), latest);
        await write(w, from, to);
        if (r() < 0.25 && latest - to > 3 * DAY) {
          // Came back.
          await write(w, this.between(r, to + DAY, latest), NaN);
          this.flags[w] |= F_ENROLLED_NOW;
        }
      } else {
        await write(w, from, NaN);
        this.flags[w] |= F_ENROLLED_NOW;
      }
    }
    await this.done('enrollments', o);
  }

  private async writePayoutAccounts(): Promise<void> {
    const r = this.rng(60);
    const o = this.out('payoutAccounts');
    let pending = 0;
    let missingTax = 0;
    for (const w of this.writers) {
      if (!(this.flags[w] & F_ENROLLED) || r() >= 0.93) continue;
      const x = r();
      let status = x < 0.88 ? 'verified' : x < 0.96 ? 'pending' : 'restricted';
      if (status === 'pending') pending++;
      if (pending === 0 && o.rows === 3) {
        status = 'pending';
        pending++;
      }
      let tax = r() < 0.05 ? 'missing' : 'verified';
      if (tax === 'missing') missingTax++;
      if (missingTax === 0 && o.rows === 4) {
        tax = 'missing';
        missingTax++;
      }
      const ref = `acct_${(mix32(w ^ mix32(this.seed >>> 0)) >>> 0).toString(36)}${w.toString(36)}`;
      const line = `{"memberId":"m${w}","provider":"stripe","accountRef":"${ref}","status":"${status}","taxStatus":"${tax}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('payoutAccounts', o);
  }

  private async writeBoosts(): Promise<void> {
    const r = this.rng(70);
    const o = this.out('boosts');
    const target = Math.max(3, Math.round(this.nStories * 0.004));
    const chosen = new Set<number>();
    const len = 14 * DAY;
    for (let attempt = 0; attempt < target * 30 && chosen.size < target; attempt++) {
      const s = this.popularStory(r);
      const pub = this.storyPublished[s];
      if (chosen.has(s) || this.storyStatus[s] !== ST_PUBLISHED || this.storyAi[s] || !(pub < this.winEnd - 2 * DAY)) continue;
      chosen.add(s);
      let start: number;
      if (chosen.size === 1 && pub < this.pStart - 8 * DAY) {
        // One window across the edge between the two months.
        start = this.pStart - 3 * DAY - int(r, 5 * DAY);
      } else {
        start = this.between(r, Math.max(pub + HOUR, this.winStart - 13 * DAY), this.winEnd - HOUR);
      }
      const source = r() < 0.7 ? 'nomination' : 'curator';
      const line = `{"id":"b${o.rows}","storyId":"s${s}","startsAt":"${ts(start)}","endsAt":"${ts(start + len)}","source":"${source}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('boosts', o);
  }

  private async writeSessionsAndEngagements(): Promise<void> {
    const r = this.rng(80);
    const so = this.out('sessions');
    const eo = this.out('engagements');
    const { winStart, pStart, winEnd, nMembers, nPaying, joined, storyAuthor, storyPublished, readerOrder } = this;
    const prevLen = pStart - winStart;
    const curLen = winEnd - pStart;
    const progressEvery = 1_000_000;
    let eN = 0;
    const engage = (story: number, member: number, kind: string, at: number, count: number): boolean =>
      eo.add(
        `{"id":"e${eN++}","storyId":"s${story}","memberId":"m${member}","kind":"${kind}","occurredAt":"${ts(at < winEnd ? at : winEnd - 1)}","count":${count}}`,
      );

    for (let i = 0; i < this.nSessions; i++) {
      const st = this.popularStory(r);
      const pub = storyPublished[st];
      let t: number;
      if (pub > winStart && r() < 0.5) {
        // A fresh story is read mostly in its first days.
        t = pub + Math.floor(expo(r, 4 * DAY));
        if (t >= winEnd) t = pub + Math.floor(r() * (winEnd - pub));
      } else {
        t = r() < 0.38 ? winStart + Math.floor(r() * prevLen) : pStart + Math.floor(r() * curLen);
        if (t < pub) t = pub + Math.floor(r() * (winEnd - pub));
      }
      const author = storyAuthor[st];
      let reader = -1;
      const u = r();
      if (u < 0.003) reader = author;
      else if (u < 0.45) {
        const v = r();
        reader = r() < 0.6 && nPaying > 0 ? readerOrder[Math.floor(nPaying * v)] : readerOrder[Math.floor(nMembers * v * v)];
        if (joined[reader] > t) reader = -1; // not signed up yet: a logged-out view
      }
      // Most views are short, logged-out ones (bounces) even more so.
      const a = r();
      let secs: number;
      if (a < (reader < 0 ? 0.72 : 0.45)) secs = Math.floor(30 * r() * r());
      else if (a < 0.95) secs = 30 + Math.floor(expo(r, 180));
      else secs = 300 + Math.floor(expo(r, 900));
      if (secs > 21_600) secs = 21_600;
      const mode = r() < 0.08 ? 'listen' : 'read';
      const startedAt = r() < 0.03 ? tsOffset(t, OFFSETS[int(r, OFFSETS.length)]) : ts(t);
      const line = `{"id":"ss${i}","storyId":"s${st}","readerId":${reader < 0 ? 'null' : `"m${reader}"`},"startedAt":"${startedAt}","activeSeconds":${secs},"mode":"${mode}"}`;
      let flush = so.add(line);
      if (reader >= 0 && reader !== author) {
        const after = t + secs;
        if (secs >= 30) {
          if (r() < 0.25) {
            const c = r();
            flush = engage(st, reader, 'clap', after + int(r, 600), 1 + Math.floor(49 * c * c * c)) || flush;
          }
          if (r() < 0.06) flush = engage(st, reader, 'highlight', t + int(r, secs), 1) || flush;
          if (r() < 0.025) flush = engage(st, reader, 'reply', after + int(r, 1800), 1) || flush;
        } else if (r() < 0.01) {
          flush = engage(st, reader, 'clap', after + int(r, 60), 1 + int(r, 5)) || flush;
        }
      }
      if (flush) {
        await so.flush();
        await eo.flush();
      }
      if ((i + 1) % progressEvery === 0) this.onProgress?.('sessions', i + 1);
    }
    await this.done('sessions', so);
    await this.done('engagements', eo);
  }

  private async writeFollows(): Promise<void> {
    const r = this.rng(90);
    const o = this.out('follows');
    const { winStart, winEnd, joined } = this;
    const local: number[] = [];
    let unfollowed = 0;
    for (let f = 0; f < this.nMembers; f++) {
      if (r() >= 0.25) continue;
      const x = r();
      const k = 1 + Math.floor(8 * x * x * x);
      local.length = 0;
      for (let j = 0; j < k; j++) {
        for (let attempt = 0; attempt < 4; attempt++) {
          const a = this.storyAuthor[this.popularStory(r)];
          if (a === f || local.includes(a)) continue;
          local.push(a);
          const lower = Math.max(joined[f], joined[a]) + 60;
          const t =
            r() < 0.22
              ? this.between(r, Math.max(lower, winStart), winEnd - 60)
              : lower + Math.floor((winEnd - 60 - lower) * Math.pow(r(), 0.6));
          let un = 'null';
          if ((r() < 0.08 || (unfollowed === 0 && o.rows === 10)) && winEnd - t > 2 * HOUR) {
            un = `"${ts(this.between(r, t + HOUR, winEnd - 1))}"`;
            unfollowed++;
          }
          const line = `{"id":"f${o.rows}","followerId":"m${f}","followeeId":"m${a}","followedAt":"${ts(t)}","unfollowedAt":${un}}`;
          if (o.add(line)) await o.flush();
          break;
        }
      }
      if ((f + 1) % 250_000 === 0) this.onProgress?.('follows', o.rows);
    }
    await this.done('follows', o);
  }

  private async writeReferrals(): Promise<void> {
    const r = this.rng(100);
    const o = this.out('referrals');
    for (let i = 0; i < this.nMembers; i++) {
      const ref = this.referrerOf[i];
      if (ref < 0) continue;
      // Referred just before joining, after the referrer joined, before the cutoff.
      const at = this.joined[i] - int(r, Math.min(HOUR, this.joined[i] - this.joined[ref] - 1));
      const line = `{"id":"r${o.rows}","referrerId":"m${ref}","referredMemberId":"m${i}","referredAt":"${ts(at)}","pageSlug":"ref-${this.username(ref)}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('referrals', o);
  }

  private async writeNominations(): Promise<void> {
    const r = this.rng(110);
    const o = this.out('nominations');
    const winEnd = this.winEnd;
    const recentFrom = addMonths(winEnd, -6);
    const recent: number[] = [];
    const stale: number[] = [];
    for (let s = 0; s < this.nStories; s++) {
      const st = this.storyStatus[s];
      if (this.storyPub[s] < 0 || (st !== ST_PUBLISHED && st !== ST_UNLISTED)) continue;
      if (this.storyPublished[s] >= recentFrom) recent.push(s);
      else stale.push(s);
    }
    shuffle(r, recent);
    shuffle(r, stale);
    const target = Math.max(5, Math.round(this.nStories * 0.01));
    const nStale = Math.min(stale.length, Math.max(1, Math.round(target * 0.08)));
    const picked = recent.slice(0, target - nStale).concat(stale.slice(0, nStale));
    shuffle(r, picked);
    for (const s of picked) {
      const p = this.storyPub[s];
      const second = this.pubEditors[2 * p + 1];
      const editor = second >= 0 && r() < 0.4 ? second : this.pubEditors[2 * p];
      const pub = this.storyPublished[s];
      const lo = Math.max(pub + HOUR, winEnd - 21 * DAY, this.joined[editor] + HOUR);
      const at = lo < winEnd - 2 * HOUR ? this.between(r, lo, winEnd - HOUR) : this.between(r, pub + 60, winEnd - 1);
      const line = `{"id":"n${o.rows}","storyId":"s${s}","nominatorId":"m${editor}","publicationId":"pub${p}","nominatedAt":"${ts(at)}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('nominations', o);
  }

  private async writeApplications(): Promise<void> {
    const r = this.rng(120);
    const o = this.out('applications');
    const winEnd = this.winEnd;
    const now = winEnd - DAY;
    const firstSubmission = winEnd - 10 * DAY;
    // A story counts as recent within 6 calendar months of the check; PASS applicants keep
    // passing for a month after the data ends, NO_STORY ones already fail at submission.
    const surelyRecent = addMonths(winEnd, -5);
    const surelyStale = addMonths(firstSubmission, -6) - DAY;
    const target = Math.max(10, Math.round(this.nMembers * 0.005));
    // Which checks each candidate fails (skipping those too close to an edge to say), then
    // reservoir samples per failure set: most applications pass, some fail exactly one rule
    // (each rule), a few fail several.
    const reservoirs = new Map<number, number[]>();
    const seen = new Map<number, number>();
    const keep = (key: number, i: number) => {
      let bucket = reservoirs.get(key);
      if (!bucket) reservoirs.set(key, (bucket = []));
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (bucket.length < target) bucket.push(i);
      else {
        const j = int(r, n);
        if (j < target) bucket[j] = i;
      }
    };
    for (let i = 0; i < this.nMembers; i++) {
      const f = this.flags[i];
      if (f & F_ENROLLED_NOW || this.joined[i] > now - 14 * DAY) continue;
      let fails = 0;
      if (f & F_MINOR) fails |= APP_UNDER_18;
      if (UNSUPPORTED_INDEXES.has(this.country[i])) fails |= APP_COUNTRY;
      if (Number.isNaN(this.msStart[i]) || this.msEnd[i] < firstSubmission) fails |= APP_NOT_MEMBER;
      else if (!(this.hasMembershipAt(i, firstSubmission) && Number.isNaN(this.msEnd[i])) && fails === 0) continue; // member only part of the time
      const last = this.lastPublished[i];
      if (Number.isNaN(last) || last < surelyStale) fails |= APP_NO_STORY;
      else if (last < surelyRecent && fails === 0) continue; // too close to the six-month edge to say
      keep(fails, i);
      if (fails !== 0 && (fails & (fails - 1)) !== 0) keep(-1, i); // several rules
    }
    const chosen: number[] = [];
    const taken = new Set<number>();
    const take = (key: number, n: number) => {
      const bucket = reservoirs.get(key) ?? [];
      for (let k = 0; k < bucket.length && n > 0 && chosen.length < target; k++) {
        if (taken.has(bucket[k])) continue;
        taken.add(bucket[k]);
        chosen.push(bucket[k]);
        n--;
      }
      return n;
    };
    take(0, Math.round(target * 0.45));
    for (const bit of [APP_NOT_MEMBER, APP_NO_STORY, APP_COUNTRY, APP_UNDER_18]) {
      let n = Math.max(1, Math.round(target * 0.1));
      n = take(bit, n);
      // Not enough applicants failing only this rule: take ones failing it among others.
      for (const key of reservoirs.keys()) if (n > 0 && key > 0 && key & bit) n = take(key, n);
    }
    take(-1, Math.round(target * 0.1));
    for (const key of [0, APP_NO_STORY, APP_NOT_MEMBER, -1]) take(key, target);
    shuffle(r, chosen);
    const endDay = Math.floor(winEnd / DAY);
    for (const i of chosen) {
      const at = this.between(r, Math.max(firstSubmission, this.joined[i] + DAY), now);
      let b = this.birthDay[i];
      if (Number.isNaN(b)) b = endDay - Math.floor((22 + int(r, 40)) * 365.25);
      const line = `{"id":"ap${o.rows}","memberId":"m${i}","submittedAt":"${ts(at)}","country":"${COUNTRY_CODES[this.country[i]]}","birthDate":"${dayString(b)}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('applications', o);
  }

  private async writeTickets(): Promise<void> {
    const r = this.rng(130);
    const o = this.out('tickets');
    const { winEnd, pStart } = this;
    const target = Math.max(12, Math.round(this.nMembers * 0.003));
    const partners = this.writers.filter((w) => (this.flags[w] & F_ENROLLED) !== 0);
    const referrers = this.writers.filter((w) => (this.flags[w] & F_REFERRER) !== 0);
    const prev = monthString(this.periodIndex - 1);
    const cur = monthString(this.periodIndex);
    const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
    for (let k = 0; k < target; k++) {
      const category: TicketCategory =
        k < TICKET_CATEGORIES.length ? TICKET_CATEGORIES[k] : TICKET_CATEGORIES[sampleCum(TICKET_CUM, r() * 100)];
      let member: number;
      if (category === 'referral' && referrers.length > 0) member = pick(r, referrers);
      else if (category === 'eligibility' || category === 'other' || partners.length === 0) member = int(r, this.nMembers);
      else member = pick(r, partners);
      const own = this.firstStory[member];
      let storyId: number = -1;
      if ((category === 'earnings_drop' || category === 'boost') && own >= 0) storyId = own;
      else if (category === 'other' && own >= 0 && r() < 0.2) storyId = own;
      const period = category === 'earnings_drop' || category === 'missing_payout' ? (r() < 0.7 ? prev : cur) : null;
      const name = this.displayName(member);
      let subject: string;
      let body: string;
      switch (category) {
        case 'earnings_drop': {
          const before = 2000 + int(r, 50_000);
          const after = Math.floor(before * (0.1 + 0.6 * r()));
          subject = pick(r, [`My earnings dropped in ${period}`, 'Why did my earnings fall?', 'Big drop on my story — what happened?']);
          body = `Hi,\n\nMy earnings went from ${money(before)} to ${money(after)} and I didn't change anything.\nIs it the "read ratio" thing?\n\nThanks,\n${name}`;
          break;
        }
        case 'missing_payout':
          subject = pick(r, [`Payout for ${period} not received`, 'Where is my payout?']);
          body = `Hello,\nmy statement for ${period} shows a balance but nothing arrived in my Stripe account.\nCould you check?\n— ${name}`;
          break;
        case 'eligibility':
          subject = pick(r, ['Why was my application not approved?', 'Am I eligible for the Partner Program?']);
          body = `Hi team,\n\nI applied to the Partner Program but it says I'm not eligible.\nI'm a member & I publish every week!\n\n${name}`;
          break;
        case 'referral':
          subject = pick(r, ['Referral earnings question', 'Are my old referral links still paying?']);
          body = `Hi,\nI referred friends in 2023 with my referral page. Do I still earn from them?\nThanks — ${name}`;
          break;
        case 'boost':
          subject = pick(r, ['Was my story boosted?', 'Boost ended early?']);
          body = `Hello,\nmy story got a lot of reads last week and then dropped. Was it "boosted"?\n${name}`;
          break;
        default:
          subject = pick(r, ['Question about my account', 'Can’t change my payout email', 'Bug on the stats page']);
          body = `Hi,\n\nSomething looks off:\n\t- the numbers don't add up\n\t- the page says <unknown>\n\n${name}`;
      }
      const lo = Math.max(this.joined[member] + HOUR, pStart);
      const at = this.between(r, lo < winEnd - HOUR ? lo : this.joined[member] + 60, winEnd - 60);
      const line =
        `{"id":"t${k}","memberId":"m${member}","category":"${category}","subject":${str(subject)},"body":${str(body)},` +
        `"storyId":${storyId < 0 ? 'null' : `"s${storyId}"`},"period":${strOrNull(period)},"createdAt":"${ts(at)}"}`;
      if (o.add(line)) await o.flush();
    }
    await this.done('tickets', o);
  }
}
