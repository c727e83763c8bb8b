/*
 * The dense benchmark month: one month of reading data shaped like the platform's (issue 14),
 * scaled by its number of sessions N. Per 10M sessions: 500k members, 100k stories, all
 * sessions in the month, 88% with a signed-in reader, about one session per reader–story pair
 * (8.7M pairs), ~35% of sessions forming eligible member–story pairs, ~425k contributing
 * members, ~1.67M engagements, ~1.0M follows, ~0.72M charges.
 *
 * Deterministic (seeded mulberry32 streams per phase), streaming (per-entity state in typed
 * arrays, a few bytes per member and story; records go out in chunks with backpressure), and
 * written either as an import bundle or straight into a database (dense-month-sinks.ts).
 */
import { mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { isPeriod, monthIndex, periodBefore, periodOfIndex } from '../libs/core/src/period/period.js';
import { between, expo, int, rngFor, shuffle, type Rng } from './dense-month-random.js';
import {
  ANNUAL,
  COUNTRIES,
  DAY,
  ENROLLED,
  EXCLUDED,
  HOUR,
  monthStart,
  PAYING,
  REFERRAL_CUTOFF_S,
  WRITER,
  YEAR,
  denseShape,
  type DenseMonthOptions,
} from './dense-month-calendar.js';
import { bundleSink, databaseSink, type Cell, type DenseKind, type KindOut, type MonthSink } from './dense-month-sinks.js';

export { denseShape, type DenseMonthOptions } from './dense-month-calendar.js';

/** Writes the month as an import bundle (NDJSON files) into `dir`. */
export async function writeDenseBundle(dir: string, opts: DenseMonthOptions): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  return generate(bundleSink(dir), opts);
}

/** Loads the month into a migrated database whose reading-data tables are empty. */
export async function loadDenseMonth(url: string, opts: DenseMonthOptions): Promise<Record<string, number>> {
  return generate(databaseSink(url), opts);
}

// ---- the month --------------------------------------------------------------------------

async function generate(sink: MonthSink, opts: DenseMonthOptions): Promise<Record<string, number>> {
  if (!isPeriod(opts.period)) throw new Error(`period must be YYYY-MM (got ${opts.period})`);
  const shape = denseShape(opts.sessions);
  const month = new DenseMonth(shape, monthIndex(opts.period), opts.seed ?? 1);
  const counts: Record<string, number> = {};
  const close = async (kind: DenseKind, out: KindOut) => opts.onProgress?.(kind, (counts[kind] = await out.close()));
  const write = async (kind: DenseKind, rows: (emit: Emit) => Promise<void>) => {
    const out = await sink.open(kind);
    await rows(async (v) => void (out.add(v) && (await out.flush())));
    await close(kind, out);
  };
  month.plan();
  await write('members', (emit) => month.members(emit));
  await write('publications', (emit) => month.publications(emit));
  await write('stories', (emit) => month.storyRows(emit));
  await write('memberships', (emit) => month.memberships(emit));
  await write('charges', (emit) => month.charges(emit));
  await write('enrollments', (emit) => month.enrollments(emit));
  await write('payoutAccounts', (emit) => month.payoutAccounts(emit));
  await write('boosts', (emit) => month.boosts(emit));
  await write('referrals', (emit) => month.referrals(emit));
  const outs = { sessions: await sink.open('sessions'), engagements: await sink.open('engagements'), follows: await sink.open('follows') };
  await month.reading(outs, (n) => opts.onProgress?.('sessions', n));
  for (const kind of ['sessions', 'engagements', 'follows'] as const) await close(kind, outs[kind]);
  await sink.finish();
  return counts;
}

type Emit = (v: Cell[]) => Promise<void>;

class DenseMonth {
  private readonly start: number; // first instant of the period
  private readonly end: number; // first instant of the next month
  private readonly flags: Uint8Array;
  private readonly joined: Float64Array;
  private readonly msStart: Float64Array;
  private readonly msEnd: Float64Array; // NaN: open
  private readonly coversFrom: Int32Array; // annual plans: the month index the charge covers from
  private readonly author: Int32Array;
  private readonly membersOnly: Uint8Array;
  private readonly published: Float64Array; // NaN: draft
  private readonly status: Uint8Array; // 0 published, 1 unlisted, 2 draft, 3 deleted
  private writers = new Int32Array(0);
  private readerOrder = new Int32Array(0);
  private popularity = new Float64Array(0);
  private popular = new Int32Array(0);

  constructor(
    private readonly shape: ReturnType<typeof denseShape>,
    private readonly periodIndex: number,
    private readonly seed: number,
  ) {
    this.start = monthStart(periodIndex);
    this.end = monthStart(periodIndex + 1);
    const n = shape.members;
    this.flags = new Uint8Array(n);
    this.joined = new Float64Array(n);
    this.msStart = new Float64Array(n).fill(NaN);
    this.msEnd = new Float64Array(n).fill(NaN);
    this.coversFrom = new Int32Array(n);
    this.author = new Int32Array(shape.stories);
    this.membersOnly = new Uint8Array(shape.stories);
    this.published = new Float64Array(shape.stories).fill(NaN);
    this.status = new Uint8Array(shape.stories);
  }

  private rng(stream: number): Rng {
    return rngFor(this.seed, stream);
  }

  /** Who writes, pays, is enrolled; memberships; stories and their popularity. */
  plan(): void {
    const { members: n, stories: ns } = this.shape;
    const r = this.rng(1);
    const perm = new Int32Array(n).map((_, i) => i);
    shuffle(r, perm);
    this.writers = perm.slice(0, Math.max(2, Math.round(n * 0.08))).sort();
    for (const w of this.writers) this.flags[w] |= WRITER | (r() < 0.8 ? ENROLLED : 0);
    for (let i = 0; i < n; i++) {
      this.joined[i] = this.start - 40 * DAY - Math.floor(r() * 5 * YEAR);
      if (r() >= (this.flags[i] & WRITER ? 0.92 : 0.87)) continue;
      this.flags[i] |= PAYING | (r() < 0.003 ? EXCLUDED : 0);
      const annual = r() < 0.25;
      const x = r();
      let from = this.periodIndex;
      let s: number;
      if (x < 0.04)
        s = between(r, this.start, this.end - DAY); // joined the program this month
      else if (annual) {
        from = this.periodIndex - int(r, 12);
        s = monthStart(from) + int(r, 5 * DAY);
      } else s = between(r, this.joined[i] + DAY, this.start - DAY);
      if (annual) this.flags[i] |= ANNUAL;
      this.coversFrom[i] = from;
      this.joined[i] = Math.min(this.joined[i], s - DAY - int(r, 30 * DAY));
      this.msStart[i] = s;
      if (x >= 0.04 && r() < 0.045) this.msEnd[i] = between(r, this.start + DAY, this.end - HOUR); // cancelled this month
    }
    // Paying members read the most: they come first in the reader order.
    this.readerOrder = Int32Array.from([...perm].sort((a, b) => (this.flags[b] & PAYING) - (this.flags[a] & PAYING)));
    for (let s = 0; s < ns; s++) {
      const a = s < this.writers.length ? this.writers[s] : this.writers[Math.floor(this.writers.length * r() ** 2)];
      this.author[s] = a;
      const st = r();
      this.status[s] = st < 0.9 ? 0 : st < 0.93 ? 1 : st < 0.97 ? 2 : 3;
      if (this.status[s] !== 2) this.published[s] = between(r, this.joined[a] + DAY, this.start - HOUR);
      this.membersOnly[s] = r() < (this.flags[a] & ENROLLED ? 0.85 : 0.25) ? 1 : 0;
    }
    // Popularity: a mild Zipf law over a random ranking of the readable stories, so that a
    // reader rarely meets the same story twice by chance (about one session per pair).
    const readable = Int32Array.from(Array.from({ length: ns }, (_, s) => s).filter((s) => this.status[s] !== 2));
    shuffle(this.rng(2), readable);
    this.popular = readable;
    this.popularity = new Float64Array(readable.length);
    let total = 0;
    for (let k = 0; k < readable.length; k++) this.popularity[k] = total += (k + 1) ** -0.6 * (this.status[readable[k]] === 0 ? 1 : 0.3);
  }

  private popularStory(r: Rng): number {
    const x = r() * this.popularity[this.popularity.length - 1];
    let lo = 0;
    let hi = this.popularity.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.popularity[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.popular[lo];
  }

  async members(emit: Emit): Promise<void> {
    const r = this.rng(10);
    for (let i = 0; i < this.shape.members; i++) {
      const birth = r() < 0.1 ? null : Math.floor(this.start / DAY) - Math.floor((19 + expo(r, 14)) * 365.25);
      await emit([
        i,
        `u${i}`,
        `Member ${i}`,
        `u${i}@example.com`,
        COUNTRIES[int(r, COUNTRIES.length)],
        birth,
        this.joined[i],
        (this.flags[i] & EXCLUDED) !== 0,
      ]);
    }
  }

  async publications(emit: Emit): Promise<void> {
    for (let p = 0; p < this.shape.publications; p++) await emit([p, `Publication ${p}`]);
  }

  async storyRows(emit: Emit): Promise<void> {
    const r = this.rng(20);
    const names = ['published', 'unlisted', 'draft', 'deleted'];
    for (let s = 0; s < this.shape.stories; s++) {
      const pub = r() < 0.3 ? Math.floor(this.shape.publications * r() ** 2) : null;
      await emit([
        s,
        this.author[s],
        pub,
        `Story ${s}`,
        this.published[s],
        this.membersOnly[s] === 1,
        names[this.status[s]],
        r() < 0.03,
        'en',
      ]);
    }
  }

  async memberships(emit: Emit): Promise<void> {
    const r = this.rng(30);
    let n = 0;
    for (let i = 0; i < this.shape.members; i++) {
      const f = this.flags[i];
      if (f & PAYING)
        await emit([`ms${n++}`, i, f & ANNUAL ? 'annual' : 'monthly', r() < 0.1 ? 'friend' : 'member', this.msStart[i], this.msEnd[i]]);
      else if (r() < 0.05) {
        const s = between(r, this.joined[i] + DAY, this.start - 60 * DAY);
        await emit([`ms${n++}`, i, 'monthly', 'member', s, between(r, s + 30 * DAY, this.start - DAY)]); // lapsed
      }
    }
  }

  /** The period's charge of every paying member (2% refunded) and most monthly members' previous one. */
  async charges(emit: Emit): Promise<void> {
    const r = this.rng(40);
    let n = 0;
    const charge = (i: number, plan: string, from: number, at: number, gross: number) => {
      const fee = Math.round(gross * 0.029) + 30;
      return emit([`ch${n++}`, i, plan, periodOfIndex(from), at, gross, fee, gross - fee, r() < 0.02 ? 'refunded' : 'paid']);
    };
    for (let i = 0; i < this.shape.members; i++) {
      const f = this.flags[i];
      if (!(f & PAYING)) continue;
      const friend = r() < 0.1;
      const s = this.msStart[i];
      if (f & ANNUAL) {
        const from = this.coversFrom[i];
        await charge(i, 'annual', from, Math.max(s, monthStart(from)), friend ? 15000 : 5000);
        continue;
      }
      const gross = friend ? 1500 : 500;
      if (s < monthStart(this.periodIndex - 1) && r() < 0.97)
        await charge(i, 'monthly', this.periodIndex - 1, monthStart(this.periodIndex - 1) + int(r, 3 * DAY), gross);
      await charge(i, 'monthly', this.periodIndex, Math.max(s, this.start + int(r, 3 * DAY)), gross);
    }
  }

  async enrollments(emit: Emit): Promise<void> {
    const r = this.rng(50);
    let n = 0;
    for (const w of this.writers) {
      if (!(this.flags[w] & ENROLLED)) continue;
      const x = r();
      const earliest = this.joined[w] + DAY;
      if (x < 0.04)
        await emit([`en${n++}`, w, between(r, this.start, this.end - DAY), null]); // enrolled this month
      else if (x < 0.07)
        await emit([`en${n++}`, w, between(r, earliest, this.start - DAY), between(r, this.start + DAY, this.end - HOUR)]); // left this month
      else if (x < 0.08 && earliest < this.end - 240 * DAY) {
        const from = between(r, earliest, this.end - 240 * DAY);
        await emit([`en${n++}`, w, from, between(r, from + DAY, this.end - 200 * DAY)]); // left long ago: balance forfeited
      } else await emit([`en${n++}`, w, between(r, earliest, this.start - DAY), null]);
    }
  }

  async payoutAccounts(emit: Emit): Promise<void> {
    const r = this.rng(60);
    for (const w of this.writers) {
      if (!(this.flags[w] & ENROLLED) || r() >= 0.93) continue;
      const x = r();
      await emit([
        w,
        'stripe',
        `acct_${w.toString(36)}`,
        x < 0.9 ? 'verified' : x < 0.97 ? 'pending' : 'restricted',
        r() < 0.05 ? 'missing' : 'verified',
      ]);
    }
  }

  async boosts(emit: Emit): Promise<void> {
    const r = this.rng(70);
    const chosen = new Set<number>();
    const target = Math.max(1, Math.round(this.shape.stories * 0.004));
    for (let attempt = 0; attempt < target * 20 && chosen.size < target; attempt++) {
      const s = this.popularStory(r);
      if (chosen.has(s) || this.status[s] !== 0) continue;
      chosen.add(s);
      const from = between(r, this.start - 13 * DAY, this.end - HOUR);
      await emit([`b${chosen.size - 1}`, s, from, from + 14 * DAY, r() < 0.7 ? 'nomination' : 'curator']);
    }
  }

  async referrals(emit: Emit): Promise<void> {
    const r = this.rng(80);
    let n = 0;
    for (let i = 0; i < this.shape.members; i++) {
      if (this.joined[i] >= REFERRAL_CUTOFF_S - DAY || r() >= 0.01) continue;
      const ref = this.writers[int(r, this.writers.length)];
      if (ref === i || this.joined[ref] >= this.joined[i] - HOUR) continue;
      await emit([`r${n++}`, ref, i, this.joined[i] - int(r, HOUR), `ref-u${ref}`]);
    }
  }

  /** Follows made before the month, then the month's sessions in time order with their engagements and new follows. */
  async reading(out: Record<'sessions' | 'engagements' | 'follows', KindOut>, progress: (n: number) => void): Promise<void> {
    const { start, end } = this;
    const fo = out.follows;
    const so = out.sessions;
    const eo = out.engagements;
    const flushAll = async () => {
      await so.flush();
      await eo.flush();
      await fo.flush();
    };
    const h = this.rng(90);
    for (let i = 0; i < this.shape.members; i++) {
      if (h() >= 0.8) continue;
      for (let k = 1 + Math.floor(3 * h() ** 2); k > 0; k--) {
        const a = this.author[this.popularStory(h)];
        if (a === i) continue;
        const at = between(h, Math.max(this.joined[i], this.joined[a]) + HOUR, start - HOUR);
        const until = h() < 0.08 ? between(h, at + DAY, end - HOUR) : null;
        if (fo.add([`f${fo.rows}`, i, a, at, until])) await fo.flush();
      }
    }
    const r = this.rng(100);
    const n = this.shape.sessions;
    const members = this.shape.members;
    const lastStory = new Int32Array(members).fill(-1);
    const span = (end - start) / n;
    for (let i = 0; i < n; i++) {
      const t = start + Math.floor((i + r()) * span);
      let story = this.popularStory(r);
      const author = this.author[story];
      let reader = -1;
      if (r() < 0.88) {
        if (r() < 0.003) reader = author;
        else {
          reader = this.readerOrder[Math.floor(members * r() ** 1.25)];
          if (lastStory[reader] >= 0 && r() < 0.011) story = lastStory[reader]; // read it again
          lastStory[reader] = story;
        }
      }
      const qualified = r() < (reader >= 0 ? 0.72 : 0.3);
      const secs = !qualified ? Math.floor(30 * r() * r()) : r() < 0.95 ? 30 + Math.floor(expo(r, 240)) : 300 + Math.floor(expo(r, 900));
      let flush = so.add([`ss${i}`, story, reader < 0 ? null : reader, t, Math.min(secs, 21_600), r() < 0.08 ? 'listen' : 'read']);
      const storyAuthor = this.author[story];
      if (reader >= 0 && reader !== storyAuthor) {
        const after = t + secs;
        const engage = (kind: string, at: number, count: number) =>
          eo.add([`e${eo.rows}`, story, reader, kind, Math.min(at, end - 1), count]);
        if (secs >= 30) {
          if (r() < 0.19) flush = engage('clap', after + int(r, 600), 1 + Math.floor(49 * r() ** 3)) || flush;
          if (r() < 0.052) flush = engage('highlight', t + int(r, secs), 1) || flush;
          if (r() < 0.019) flush = engage('reply', after + int(r, 1800), 1) || flush;
          if (r() < 0.057) flush = fo.add([`f${fo.rows}`, reader, storyAuthor, Math.min(after + int(r, HOUR), end - 1), null]) || flush;
        } else if (r() < 0.01) flush = engage('clap', after + int(r, 60), 1 + int(r, 5)) || flush;
      }
      if (flush) await flushAll();
      if ((i + 1) % 1_000_000 === 0) progress(i + 1);
    }
  }
}

/** `node dist/bench/dense-month.js --sessions N --out DIR [--period YYYY-MM] [--seed S]`: writes the bundle. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const out = opt('out');
  if (!out || !opt('sessions')) {
    console.error('usage: node dist/bench/dense-month.js --sessions N --out DIR [--period YYYY-MM] [--seed S]');
    process.exit(2);
  }
  const counts = await writeDenseBundle(out, {
    sessions: Number(opt('sessions')),
    period: opt('period') ?? periodBefore(),
    seed: Number(opt('seed') ?? 1),
    onProgress: (kind, rows) => console.error(`${kind} ${rows.toLocaleString('en-US')}`),
  });
  console.log(JSON.stringify(counts));
}
