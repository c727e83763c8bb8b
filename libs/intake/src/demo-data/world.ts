/*
 * The state of one demo bundle while it is generated: sizes, the time frame, and per
 * member / per story facts in typed arrays (a few bytes each), which the planning fills
 * and the writers read so that every reference resolves and times respect causality.
 */
import { join } from 'node:path';
import type { BundleKind, DemoSizeConfig } from './bundle.js';
import { NdjsonOut } from './ndjson-out.js';
import { makeRng, sampleCum, type Rng } from './random.js';
import { DAY, monthStart } from './time.js';
import { FIRST_NAMES, LAST_NAMES, NICKNAMES } from './vocabulary.js';

export class DemoWorld {
  // sizes
  readonly nMembers: number;
  readonly nStories: number;
  readonly nSessions: number;
  readonly nPublications: number;

  // time frame
  readonly periodIndex: number;
  readonly winStart: number; // first instant of the first month of the data
  readonly pStart: number; // first instant of the period
  readonly winEnd: number; // first instant of the month after the period
  readonly platformStart: number;

  // members
  readonly joined: Float64Array;
  readonly birthDay: Float64Array; // NaN = unknown
  readonly country: Uint8Array;
  readonly flags: Uint8Array;
  readonly firstName: Uint8Array;
  readonly lastName: Uint8Array;
  readonly nickname: Uint8Array; // 255 = none
  readonly msStart: Float64Array; // latest membership, NaN = none
  readonly msEnd: Float64Array; // NaN = open
  readonly referrerOf: Int32Array;
  readonly lastPublished: Float64Array; // latest publishedAt of a published/unlisted story
  readonly firstStory: Int32Array;
  writers = new Int32Array(0);
  readerOrder = new Int32Array(0);
  nPaying = 0;

  // stories
  readonly storyAuthor: Int32Array;
  readonly storyPub: Int32Array;
  readonly storyPublished: Float64Array; // NaN = draft
  readonly storyStatus: Uint8Array;
  readonly storyAi: Uint8Array;
  storyByRank = new Int32Array(0);
  storyCum = new Float64Array(0);
  storyTotal = 0;
  readonly pubEditors: Int32Array; // two slots per publication, -1 = none

  /** Stories with a boost window, and members whose application fails a check: the tickets talk about them. */
  boostedStories: number[] = [];
  failingApplicants: number[] = [];

  readonly counts: Record<string, number> = {};
  readonly open: NdjsonOut[] = [];

  /** The share of sessions before the last month: each earlier month weighs 0.38 against the last month's 0.62 (two months: 38%). */
  readonly earlierShare: number;

  constructor(
    cfg: DemoSizeConfig,
    readonly seed: number,
    periodIndex: number,
    readonly outDir: string,
    readonly onProgress?: (kind: string, rows: number) => void,
    readonly months = 2,
  ) {
    this.nMembers = cfg.members;
    this.nStories = cfg.stories;
    this.nSessions = Math.round((cfg.sessions * months) / 2);
    this.earlierShare = ((months - 1) * 0.38) / ((months - 1) * 0.38 + 0.62);
    this.nPublications = Math.max(3, Math.round(cfg.stories / 100));
    this.periodIndex = periodIndex;
    this.winStart = monthStart(periodIndex - (months - 1));
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

  rng(stream: number): Rng {
    return makeRng(this.seed, stream);
  }

  out(kind: BundleKind): NdjsonOut {
    const o = new NdjsonOut(join(this.outDir, `${kind}.ndjson`));
    this.open.push(o);
    return o;
  }

  async done(kind: BundleKind, o: NdjsonOut): Promise<void> {
    await o.close();
    this.open.splice(this.open.indexOf(o), 1);
    this.counts[kind] = o.rows;
    this.onProgress?.(kind, o.rows);
  }

  username(i: number): string {
    return `${FIRST_NAMES[this.firstName[i]][1]}${i}`;
  }

  displayName(i: number): string {
    const first = FIRST_NAMES[this.firstName[i]][0];
    const last = LAST_NAMES[this.lastName[i]];
    const nick = this.nickname[i];
    return nick === 255 ? `${first} ${last}` : `${first} "${NICKNAMES[nick]}" ${last}`;
  }

  hasMembershipAt(i: number, t: number): boolean {
    const s = this.msStart[i];
    if (Number.isNaN(s) || s > t) return false;
    const e = this.msEnd[i];
    return Number.isNaN(e) || e > t;
  }

  /** A random instant in [lo, hi). */
  between(r: Rng, lo: number, hi: number): number {
    return hi <= lo ? lo : lo + Math.floor(r() * (hi - lo));
  }

  /** A story drawn by popularity. */
  popularStory(r: Rng): number {
    return this.storyByRank[sampleCum(this.storyCum, r() * this.storyTotal)];
  }
}
