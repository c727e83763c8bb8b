/** The people and their subscriptions: members, memberships and charges, publications, stories, enrollments, payout accounts. */
import { int, mix32, pick, sampleCum, shuffle } from './random.js';
import { DAY, HOUR, addMonths, dayString, monthIndexOf, monthString, ts } from './time.js';
import { str } from './ndjson-out.js';
import {
  COUNTRY_CODES,
  F_ENROLLED,
  F_ENROLLED_NOW,
  F_EXCLUDED,
  F_PAYING,
  F_REFERRED,
  LANGUAGES,
  LANGUAGE_CUM,
  PUB_HEADS,
  PUB_TAILS,
  STATUS_NAMES,
  TITLE_HEADS,
  TITLE_TAILS,
} from './vocabulary.js';
import type { DemoWorld } from './world.js';

export async function writeMembers(gen: DemoWorld): Promise<void> {
  const o = gen.out('members');
  const tlds = ['com', 'org', 'net'];
  for (let i = 0; i < gen.nMembers; i++) {
    const u = gen.username(i);
    const b = gen.birthDay[i];
    const line =
      `{"id":"m${i}","username":"${u}","name":${str(gen.displayName(i))},"email":"${u}@example.${tlds[i % 3]}",` +
      `"country":"${COUNTRY_CODES[gen.country[i]]}","birthDate":${Number.isNaN(b) ? 'null' : `"${dayString(b)}"`},` +
      `"joinedAt":"${ts(gen.joined[i])}","earningsExcluded":${(gen.flags[i] & F_EXCLUDED) !== 0}}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('members', o);
}

export async function writeMembershipsAndCharges(gen: DemoWorld): Promise<void> {
  const r = gen.rng(20);
  const ms = gen.out('memberships');
  const ch = gen.out('charges');
  const winEnd = gen.winEnd;
  let msN = 0;
  let chN = 0;
  let refunded = 0;
  const prices = { monthly: [500, 1500], annual: [5000, 15000] } as const;

  const membership = async (i: number, plan: 'monthly' | 'annual', friend: boolean, start: number, end: number) => {
    const line =
      `{"id":"ms${msN++}","memberId":"m${i}","plan":"${plan}","tier":"${friend ? 'friend' : 'member'}",` +
      `"startedAt":"${ts(start)}","endedAt":${Number.isNaN(end) ? 'null' : `"${ts(end)}"`}}`;
    if (ms.add(line)) await ms.flush();
    // Charges covering the months of the data.
    const regional = r() < 0.15;
    let gross: number = prices[plan][friend ? 1 : 0];
    if (regional) gross = Math.round(gross * 0.886);
    const fee = Math.round(gross * 0.029) + 30;
    const startMonth = monthIndexOf(start);
    let lastK = -1;
    for (let mi = gen.periodIndex - (gen.months - 1); mi <= gen.periodIndex; mi++) {
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

  for (let i = 0; i < gen.nMembers; i++) {
    const f = gen.flags[i];
    const joined = gen.joined[i];
    const lastStart = winEnd - HOUR;
    if (f & F_PAYING) {
      const start = f & F_REFERRED ? joined + int(r, HOUR) : joined + Math.floor((lastStart - joined) * 0.7 * r() * r());
      // An earlier membership that ended before this one (lapsed and came back).
      if (start - joined > 120 * DAY && r() < 0.06) {
        const s0 = joined + Math.floor((start - joined) * 0.4 * r());
        const e0 = gen.between(r, s0 + 30 * DAY, start);
        await membership(i, r() < 0.8 ? 'monthly' : 'annual', false, s0, e0);
      }
      const plan = r() < 0.25 ? 'annual' : 'monthly';
      const friend = r() < 0.1;
      let end = NaN;
      if (r() < 0.12 && winEnd - start > 3 * DAY) end = gen.between(r, start + DAY, winEnd - HOUR);
      await membership(i, plan, friend, start, end);
      gen.msStart[i] = start;
      gen.msEnd[i] = end;
    } else if (r() < 0.05 && lastStart - joined > 40 * DAY) {
      // Lapsed: was a member for a while, is not any more.
      const s = gen.between(r, joined, lastStart - 35 * DAY);
      const e = gen.between(r, s + 30 * DAY, lastStart);
      await membership(i, 'monthly', false, s, e);
      gen.msStart[i] = s;
      gen.msEnd[i] = e;
    }
  }
  await gen.done('memberships', ms);
  await gen.done('charges', ch);
}

export async function writePublications(gen: DemoWorld): Promise<void> {
  const o = gen.out('publications');
  const combos = PUB_HEADS.length * PUB_TAILS.length;
  const r = gen.rng(30);
  const order = Array.from({ length: combos }, (_, k) => k);
  shuffle(r, order);
  for (let p = 0; p < gen.nPublications; p++) {
    const c = order[p % combos];
    let name = `${PUB_HEADS[c % PUB_HEADS.length]} ${PUB_TAILS[Math.floor(c / PUB_HEADS.length)]}`;
    if (p >= combos) name += ` ${Math.floor(p / combos) + 1}`;
    if (o.add(`{"id":"pub${p}","name":${str(name)}}`)) await o.flush();
  }
  await gen.done('publications', o);
}

export async function writeStories(gen: DemoWorld): Promise<void> {
  const r = gen.rng(40);
  const o = gen.out('stories');
  for (let s = 0; s < gen.nStories; s++) {
    const a = gen.storyAuthor[s];
    let title = `${pick(r, TITLE_HEADS)} ${pick(r, TITLE_TAILS)}`;
    if (r() < 0.1) title += ` (Part ${2 + int(r, 4)})`;
    const enrolled = (gen.flags[a] & F_ENROLLED) !== 0;
    const membersOnly = r() < (enrolled ? 0.85 : 0.25);
    const lang = LANGUAGES[sampleCum(LANGUAGE_CUM, r() * LANGUAGE_CUM[LANGUAGE_CUM.length - 1])];
    const pub = gen.storyPub[s];
    const at = gen.storyPublished[s];
    const line =
      `{"id":"s${s}","authorId":"m${a}","publicationId":${pub < 0 ? 'null' : `"pub${pub}"`},"title":${str(title)},` +
      `"publishedAt":${Number.isNaN(at) ? 'null' : `"${ts(at)}"`},"membersOnly":${membersOnly},` +
      `"status":"${STATUS_NAMES[gen.storyStatus[s]]}","aiDisclosed":${gen.storyAi[s] === 1},"language":"${lang}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('stories', o);
}

export async function writeEnrollments(gen: DemoWorld): Promise<void> {
  const r = gen.rng(50);
  const o = gen.out('enrollments');
  const winEnd = gen.winEnd;
  let n = 0;
  let ended = 0;
  const write = async (i: number, from: number, to: number) => {
    const line = `{"id":"en${n++}","memberId":"m${i}","enrolledAt":"${ts(from)}","leftAt":${Number.isNaN(to) ? 'null' : `"${ts(to)}"`}}`;
    if (o.add(line)) await o.flush();
  };
  for (const w of gen.writers) {
    if (!(gen.flags[w] & F_ENROLLED)) continue;
    const j = gen.joined[w];
    const latest = winEnd - DAY;
    // Most partners enrolled before the data's first month, some during it.
    const from =
      r() < 0.85 && gen.winStart - j > 2 * DAY
        ? gen.between(r, j + DAY, gen.winStart)
        : gen.between(r, Math.max(j + HOUR, gen.winStart), latest);
    const x = r();
    if ((x < 0.08 || (ended === 0 && n === 5)) && latest - from > 3 * DAY) {
      ended++;
      // Left: some long ago (balances forfeited after 180 days), some during the data.
      const to =
        x < 0.03 && winEnd - 200 * DAY > from + DAY
          ? gen.between(r, from + DAY, winEnd - 200 * DAY)
          : gen.between(r, Math.max(from + DAY, gen.winStart), latest);
      await write(w, from, to);
      if (r() < 0.25 && latest - to > 3 * DAY) {
        // Came back.
        await write(w, gen.between(r, to + DAY, latest), NaN);
        gen.flags[w] |= F_ENROLLED_NOW;
      }
    } else {
      await write(w, from, NaN);
      gen.flags[w] |= F_ENROLLED_NOW;
    }
  }
  await gen.done('enrollments', o);
}

export async function writePayoutAccounts(gen: DemoWorld): Promise<void> {
  const r = gen.rng(60);
  const o = gen.out('payoutAccounts');
  let pending = 0;
  let missingTax = 0;
  for (const w of gen.writers) {
    if (!(gen.flags[w] & F_ENROLLED) || r() >= 0.93) continue;
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
    const ref = `acct_${(mix32(w ^ mix32(gen.seed >>> 0)) >>> 0).toString(36)}${w.toString(36)}`;
    const line = `{"memberId":"m${w}","provider":"stripe","accountRef":"${ref}","status":"${status}","taxStatus":"${tax}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('payoutAccounts', o);
}
