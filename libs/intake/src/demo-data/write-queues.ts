/** What the staff queues are fed: nominations, applications, support tickets. */
import { int, pick, sampleCum, shuffle } from './random.js';
import { DAY, HOUR, addMonths, dayString, monthString, ts } from './time.js';
import { str, strOrNull } from './ndjson-out.js';
import {
  APP_COUNTRY,
  APP_NOT_MEMBER,
  APP_NO_STORY,
  APP_UNDER_18,
  COUNTRY_CODES,
  F_ENROLLED,
  F_ENROLLED_NOW,
  F_MINOR,
  F_REFERRER,
  ST_PUBLISHED,
  ST_UNLISTED,
  TICKET_CATEGORIES,
  TICKET_CUM,
  UNSUPPORTED_INDEXES,
  type TicketCategory,
} from './vocabulary.js';
import { ticketBody, ticketSubjects } from './ticket-texts.js';
import type { DemoWorld } from './world.js';

export async function writeNominations(gen: DemoWorld): Promise<void> {
  const r = gen.rng(110);
  const o = gen.out('nominations');
  const winEnd = gen.winEnd;
  const recentFrom = addMonths(winEnd, -6);
  const recent: number[] = [];
  const stale: number[] = [];
  for (let s = 0; s < gen.nStories; s++) {
    const st = gen.storyStatus[s];
    if (gen.storyPub[s] < 0 || (st !== ST_PUBLISHED && st !== ST_UNLISTED)) continue;
    if (gen.storyPublished[s] >= recentFrom) recent.push(s);
    else stale.push(s);
  }
  shuffle(r, recent);
  shuffle(r, stale);
  const target = Math.max(5, Math.round(gen.nStories * 0.01));
  const nStale = Math.min(stale.length, Math.max(1, Math.round(target * 0.08)));
  const picked = recent.slice(0, target - nStale).concat(stale.slice(0, nStale));
  shuffle(r, picked);
  for (const s of picked) {
    const p = gen.storyPub[s];
    const second = gen.pubEditors[2 * p + 1];
    const editor = second >= 0 && r() < 0.4 ? second : gen.pubEditors[2 * p];
    const pub = gen.storyPublished[s];
    const lo = Math.max(pub + HOUR, winEnd - 21 * DAY, gen.joined[editor] + HOUR);
    const at = lo < winEnd - 2 * HOUR ? gen.between(r, lo, winEnd - HOUR) : gen.between(r, pub + 60, winEnd - 1);
    const line = `{"id":"n${o.rows}","storyId":"s${s}","nominatorId":"m${editor}","publicationId":"pub${p}","nominatedAt":"${ts(at)}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('nominations', o);
}

export async function writeApplications(gen: DemoWorld): Promise<void> {
  const r = gen.rng(120);
  const o = gen.out('applications');
  const winEnd = gen.winEnd;
  const now = winEnd - DAY;
  const firstSubmission = winEnd - 10 * DAY;
  // A story counts as recent within 6 calendar months of the check; PASS applicants keep
  // passing for a month after the data ends, NO_STORY ones already fail at submission.
  const surelyRecent = addMonths(winEnd, -5);
  const surelyStale = addMonths(firstSubmission, -6) - DAY;
  const target = Math.max(10, Math.round(gen.nMembers * 0.005));
  // Which checks each candidate fails (skipping those too close to an edge to say), then
  // reservoir samples per failure set: most applications pass, some fail exactly one rule
  // (each rule), a few fail several.
  const reservoirs = new Map<number, number[]>();
  const appFails = new Uint8Array(gen.nMembers);
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
  for (let i = 0; i < gen.nMembers; i++) {
    const f = gen.flags[i];
    if (f & F_ENROLLED_NOW || gen.joined[i] > now - 14 * DAY) continue;
    let fails = 0;
    if (f & F_MINOR) fails |= APP_UNDER_18;
    if (UNSUPPORTED_INDEXES.has(gen.country[i])) fails |= APP_COUNTRY;
    if (Number.isNaN(gen.msStart[i]) || gen.msEnd[i] < firstSubmission) fails |= APP_NOT_MEMBER;
    else if (!(gen.hasMembershipAt(i, firstSubmission) && Number.isNaN(gen.msEnd[i])) && fails === 0) continue; // member only part of the time
    const last = gen.lastPublished[i];
    if (Number.isNaN(last) || last < surelyStale) fails |= APP_NO_STORY;
    else if (last < surelyRecent && fails === 0) continue; // too close to the six-month edge to say
    appFails[i] = fails;
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
  gen.failingApplicants = chosen.filter((i) => appFails[i] !== 0);
  const endDay = Math.floor(winEnd / DAY);
  for (const i of chosen) {
    const at = gen.between(r, Math.max(firstSubmission, gen.joined[i] + DAY), now);
    let b = gen.birthDay[i];
    if (Number.isNaN(b)) b = endDay - Math.floor((22 + int(r, 40)) * 365.25);
    const line = `{"id":"ap${o.rows}","memberId":"m${i}","submittedAt":"${ts(at)}","country":"${COUNTRY_CODES[gen.country[i]]}","birthDate":"${dayString(b)}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('applications', o);
}

export async function writeTickets(gen: DemoWorld): Promise<void> {
  const r = gen.rng(130);
  const o = gen.out('tickets');
  const { winEnd, pStart } = gen;
  const target = Math.max(12, Math.round(gen.nMembers * 0.003));
  const partners = gen.writers.filter((w) => (gen.flags[w] & F_ENROLLED) !== 0);
  const referrers = gen.writers.filter((w) => (gen.flags[w] & F_REFERRER) !== 0);
  const prev = monthString(gen.periodIndex - 1);
  const cur = monthString(gen.periodIndex);
  for (let k = 0; k < target; k++) {
    const category: TicketCategory =
      k < TICKET_CATEGORIES.length ? TICKET_CATEGORIES[k] : TICKET_CATEGORIES[sampleCum(TICKET_CUM, r() * 100)];
    // Who writes is who the ticket is true of: a referrer, an applicant failing a check, the author of a boosted story.
    let member: number;
    let storyId: number = -1;
    if (category === 'referral' && referrers.length > 0) member = pick(r, referrers);
    else if (category === 'eligibility' && gen.failingApplicants.length > 0) member = pick(r, gen.failingApplicants);
    else if (category === 'boost' && gen.boostedStories.length > 0) {
      storyId = pick(r, gen.boostedStories);
      member = gen.storyAuthor[storyId];
    } else if (category === 'eligibility' || category === 'other' || partners.length === 0) member = int(r, gen.nMembers);
    else member = pick(r, partners);
    const own = gen.firstStory[member];
    if (storyId < 0 && (category === 'earnings_drop' || category === 'boost') && own >= 0) storyId = own;
    else if (category === 'other' && own >= 0 && r() < 0.2) storyId = own;
    const period = category === 'earnings_drop' || category === 'missing_payout' ? (r() < 0.7 ? prev : cur) : null;
    const subject = pick(r, ticketSubjects(category, period));
    const body = ticketBody(category, { name: gen.displayName(member), period });
    const lo = Math.max(gen.joined[member] + HOUR, pStart);
    const at = gen.between(r, lo < winEnd - HOUR ? lo : gen.joined[member] + 60, winEnd - 60);
    const line =
      `{"id":"t${k}","memberId":"m${member}","category":"${category}","subject":${str(subject)},"body":${str(body)},` +
      `"storyId":${storyId < 0 ? 'null' : `"s${storyId}"`},"period":${strOrNull(period)},"createdAt":"${ts(at)}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('tickets', o);
}
