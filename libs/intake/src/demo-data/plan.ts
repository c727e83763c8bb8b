/** Planning, in memory: who the members are, who writes, who pays, who referred whom; the stories and their popularity. */
import { expo, int, sampleCum, shuffle } from './random.js';
import { DAY, HOUR, REFERRAL_CUTOFF_SEC } from './time.js';
import {
  COUNTRY_CODES,
  COUNTRY_CUM,
  F_ENROLLED,
  F_EXCLUDED,
  F_MINOR,
  F_PAYING,
  F_REFERRED,
  F_REFERRER,
  F_WRITER,
  FIRST_NAMES,
  LAST_NAMES,
  NICKNAMES,
  ST_DELETED,
  ST_DRAFT,
  ST_PUBLISHED,
  ST_UNLISTED,
  UNSUPPORTED_INDEXES,
} from './vocabulary.js';
import type { DemoWorld } from './world.js';

export function planMembers(gen: DemoWorld): void {
  const n = gen.nMembers;
  const r = gen.rng(1);
  const latestJoin = gen.winEnd - 2 * DAY;
  const span = latestJoin - gen.platformStart;
  const endDay = Math.floor(gen.winEnd / DAY);

  // Who writes: ~8% of the members, chosen without replacement.
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  shuffle(gen.rng(2), perm);
  const nWriters = Math.max(3, Math.min(n, Math.round(n * 0.08)));
  gen.writers = perm.slice(0, nWriters).sort();
  for (const w of gen.writers) gen.flags[w] |= F_WRITER;

  let minors = 0;
  let unsupported = 0;
  for (let i = 0; i < n; i++) {
    // Growth: more members joined recently (writers are older members on average).
    const isWriter = (gen.flags[i] & F_WRITER) !== 0;
    const g = r();
    gen.joined[i] = gen.platformStart + Math.floor(span * (isWriter ? g : Math.sqrt(g)));
    const c = sampleCum(COUNTRY_CUM, r() * COUNTRY_CUM[COUNTRY_CUM.length - 1]);
    gen.country[i] = c;
    const settled = gen.joined[i] < gen.winStart; // could apply to the Partner Program
    if (UNSUPPORTED_INDEXES.has(c) && settled) unsupported++;
    gen.firstName[i] = int(r, FIRST_NAMES.length);
    gen.lastName[i] = int(r, LAST_NAMES.length);
    gen.nickname[i] = r() < 0.01 ? int(r, NICKNAMES.length) : 255;
    // Writers in unsupported countries cannot be partners.
    if (isWriter && r() < 0.78 && !UNSUPPORTED_INDEXES.has(c)) gen.flags[i] |= F_ENROLLED;
    const b = r();
    // Minors: a few readers, and a few (not enrolled) teen writers.
    if (!(gen.flags[i] & F_ENROLLED) && b < (isWriter ? 0.04 : 0.006)) {
      gen.flags[i] |= F_MINOR;
      gen.birthDay[i] = endDay - Math.floor((14 + r() * 3) * 365.25); // still a minor a year later
      if (settled) minors++;
    } else if (b < 0.09) {
      gen.birthDay[i] = NaN;
    } else {
      const age = 19 + Math.min(60, expo(r, 14));
      gen.birthDay[i] = endDay - Math.floor(age * 365.25);
    }
  }
  // Small bundles still get one member of each rare kind.
  // Small bundles still get a minor and a member from an unsupported country (non-writers,
  // members long enough to apply).
  const settle = (i: number) => {
    if (gen.joined[i] >= gen.winStart) gen.joined[i] = gen.platformStart + Math.floor((gen.winStart - gen.platformStart) * r());
  };
  if (minors === 0) {
    const i = perm[n - 1];
    gen.flags[i] |= F_MINOR;
    gen.birthDay[i] = endDay - 16 * 365;
    settle(i);
  }
  if (unsupported === 0) {
    gen.country[perm[n - 2]] = COUNTRY_CODES.indexOf('IR');
    settle(perm[n - 2]);
  }

  // Legacy referrals: writers who joined before the cutoff referred members who joined
  // before it too; referredAt is just before the referred member's join.
  const cutoff = Math.min(REFERRAL_CUTOFF_SEC, gen.winEnd);
  const pool: number[] = [];
  for (const w of gen.writers) if (gen.joined[w] < cutoff - 30 * DAY) pool.push(w);
  shuffle(r, pool);
  if (pool.length > 0) {
    for (let i = 0; i < n; i++) {
      if (gen.joined[i] >= cutoff - DAY || r() >= 0.12) continue;
      for (let attempt = 0; attempt < 4; attempt++) {
        const u = r();
        const ref = pool[Math.floor(pool.length * u * u * Math.sqrt(u))];
        if (ref !== i && gen.joined[ref] < gen.joined[i] - HOUR) {
          gen.referrerOf[i] = ref;
          gen.flags[i] |= F_REFERRED;
          gen.flags[ref] |= F_REFERRER;
          break;
        }
      }
    }
  }

  // Paying members (memberships are written later from these flags).
  let excluded = 0;
  let firstPaying = -1;
  for (let i = 0; i < n; i++) {
    const f = gen.flags[i];
    const p = f & F_ENROLLED ? 0.92 : f & F_WRITER ? 0.5 : f & F_REFERRED ? 0.55 : 0.36;
    if (r() < p) {
      gen.flags[i] |= F_PAYING;
      if (firstPaying < 0) firstPaying = i;
      if (r() < 0.004) {
        gen.flags[i] |= F_EXCLUDED;
        excluded++;
      }
    }
  }
  if (excluded === 0 && firstPaying >= 0) gen.flags[firstPaying] |= F_EXCLUDED;

  // Reader order: paying members first (they read the most), then the rest; sessions
  // draw from it partly uniformly over paying members, partly with a power law over
  // everyone (so a few members read a lot).
  gen.readerOrder = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (gen.flags[i] & F_PAYING) gen.readerOrder[k++] = i;
  const nPaying = k;
  gen.nPaying = nPaying;
  for (let i = 0; i < n; i++) if (!(gen.flags[i] & F_PAYING)) gen.readerOrder[k++] = i;
  const rr = gen.rng(3);
  shuffle(rr, gen.readerOrder.subarray(0, nPaying));
  shuffle(rr, gen.readerOrder.subarray(nPaying));
}

export function planStories(gen: DemoWorld): void {
  const r = gen.rng(10);
  const ns = gen.nStories;
  const nw = gen.writers.length;
  const np = gen.nPublications;
  const latest = gen.winEnd - HOUR;
  const prolific = gen.writers.slice();
  shuffle(r, prolific);
  for (let s = 0; s < ns; s++) {
    // Every writer has a story; the rest go to prolific writers (heavy tail).
    let author: number;
    if (s < nw) author = gen.writers[s];
    else {
      const u = r();
      author = prolific[Math.floor(nw * u * u)];
    }
    gen.storyAuthor[s] = author;
    if (gen.firstStory[author] < 0) gen.firstStory[author] = s;
    const st = r();
    const status = st < 0.84 ? ST_PUBLISHED : st < 0.89 ? ST_UNLISTED : st < 0.95 ? ST_DRAFT : ST_DELETED;
    gen.storyStatus[s] = status;
    if (status !== ST_DRAFT) {
      const j = gen.joined[author];
      const t = j + Math.floor((latest - j) * Math.pow(r(), 0.6));
      gen.storyPublished[s] = t;
    } else r();
    gen.storyAi[s] = r() < 0.04 ? 1 : 0;
    if (r() < 0.3) {
      const u = r();
      gen.storyPub[s] = Math.floor(np * u * u);
    }
  }
  // Rare statuses present even in tiny bundles.
  for (const status of [ST_UNLISTED, ST_DRAFT, ST_DELETED]) {
    if (ns < 8 || gen.storyStatus.includes(status)) continue;
    const s = ns - 1 - status; // a late story (not the writers' first)
    gen.storyStatus[s] = status;
    if (status === ST_DRAFT) gen.storyPublished[s] = NaN;
    else if (Number.isNaN(gen.storyPublished[s])) {
      gen.storyPublished[s] = gen.between(r, gen.joined[gen.storyAuthor[s]], gen.winEnd - HOUR);
    }
  }
  if (ns >= 8 && !gen.storyAi.includes(1)) gen.storyAi[ns - 5] = 1;
  // Latest published (or unlisted) story of each writer, for the applications.
  for (let s = 0; s < ns; s++) {
    const st = gen.storyStatus[s];
    if (st !== ST_PUBLISHED && st !== ST_UNLISTED) continue;
    const a = gen.storyAuthor[s];
    const t = gen.storyPublished[s];
    if (!(gen.lastPublished[a] >= t)) gen.lastPublished[a] = t;
  }

  // Editors of each publication: authors who publish there.
  for (let s = 0; s < ns; s++) {
    const p = gen.storyPub[s];
    if (p < 0) continue;
    const a = gen.storyAuthor[s];
    if (gen.pubEditors[2 * p] < 0) gen.pubEditors[2 * p] = a;
    else if (gen.pubEditors[2 * p + 1] < 0 && gen.pubEditors[2 * p] !== a && r() < 0.3) gen.pubEditors[2 * p + 1] = a;
  }
  for (let p = 0; p < np; p++) if (gen.pubEditors[2 * p] < 0) gen.pubEditors[2 * p] = gen.writers[int(r, nw)];

  // Popularity: Zipf over a random ranking of the readable stories.
  const readable: number[] = [];
  for (let s = 0; s < ns; s++) if (gen.storyStatus[s] !== ST_DRAFT) readable.push(s);
  shuffle(gen.rng(11), readable);
  gen.storyByRank = Int32Array.from(readable);
  gen.storyCum = new Float64Array(readable.length);
  let total = 0;
  for (let k = 0; k < readable.length; k++) {
    const w = Math.pow(k + 1, -0.95) * (gen.storyStatus[readable[k]] === ST_PUBLISHED ? 1 : 0.3);
    gen.storyCum[k] = total += w;
  }
  gen.storyTotal = total;
}
