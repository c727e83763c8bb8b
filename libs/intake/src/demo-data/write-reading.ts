/** What members do: boost windows, reading sessions and engagements, follows, legacy referrals. */
import { expo, int } from './random.js';
import { DAY, HOUR, OFFSETS, ts, tsOffset } from './time.js';
import { ST_PUBLISHED } from './vocabulary.js';
import type { DemoWorld } from './world.js';

export async function writeBoosts(gen: DemoWorld): Promise<void> {
  const r = gen.rng(70);
  const o = gen.out('boosts');
  const target = Math.max(3, Math.round(gen.nStories * 0.004));
  const chosen = new Set<number>();
  const len = 14 * DAY;
  for (let attempt = 0; attempt < target * 30 && chosen.size < target; attempt++) {
    const s = gen.popularStory(r);
    const pub = gen.storyPublished[s];
    if (chosen.has(s) || gen.storyStatus[s] !== ST_PUBLISHED || gen.storyAi[s] || !(pub < gen.winEnd - 2 * DAY)) continue;
    chosen.add(s);
    gen.boostedStories.push(s);
    let start: number;
    if (chosen.size === 1 && pub < gen.pStart - 8 * DAY) {
      // One window across the edge between the two months.
      start = gen.pStart - 3 * DAY - int(r, 5 * DAY);
    } else {
      start = gen.between(r, Math.max(pub + HOUR, gen.winStart - 13 * DAY), gen.winEnd - HOUR);
    }
    const source = r() < 0.7 ? 'nomination' : 'curator';
    const line = `{"id":"b${o.rows}","storyId":"s${s}","startsAt":"${ts(start)}","endsAt":"${ts(start + len)}","source":"${source}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('boosts', o);
}

export async function writeSessionsAndEngagements(gen: DemoWorld): Promise<void> {
  const r = gen.rng(80);
  const so = gen.out('sessions');
  const eo = gen.out('engagements');
  const { winStart, pStart, winEnd, nMembers, nPaying, joined, storyAuthor, storyPublished, readerOrder } = gen;
  const prevLen = pStart - winStart;
  const curLen = winEnd - pStart;
  const progressEvery = 1_000_000;
  let eN = 0;
  const engage = (story: number, member: number, kind: string, at: number, count: number): boolean =>
    eo.add(
      `{"id":"e${eN++}","storyId":"s${story}","memberId":"m${member}","kind":"${kind}","occurredAt":"${ts(at < winEnd ? at : winEnd - 1)}","count":${count}}`,
    );

  for (let i = 0; i < gen.nSessions; i++) {
    const st = gen.popularStory(r);
    const pub = storyPublished[st];
    let t: number;
    if (pub > winStart && r() < 0.5) {
      // A fresh story is read mostly in its first days.
      t = pub + Math.floor(expo(r, 4 * DAY));
      if (t >= winEnd) t = pub + Math.floor(r() * (winEnd - pub));
    } else {
      t = r() < gen.earlierShare ? winStart + Math.floor(r() * prevLen) : pStart + Math.floor(r() * curLen);
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
    if ((i + 1) % progressEvery === 0) gen.onProgress?.('sessions', i + 1);
  }
  await gen.done('sessions', so);
  await gen.done('engagements', eo);
}

export async function writeFollows(gen: DemoWorld): Promise<void> {
  const r = gen.rng(90);
  const o = gen.out('follows');
  const { winStart, winEnd, joined } = gen;
  const local: number[] = [];
  let unfollowed = 0;
  for (let f = 0; f < gen.nMembers; f++) {
    if (r() >= 0.25) continue;
    const x = r();
    const k = 1 + Math.floor(8 * x * x * x);
    local.length = 0;
    for (let j = 0; j < k; j++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const a = gen.storyAuthor[gen.popularStory(r)];
        if (a === f || local.includes(a)) continue;
        local.push(a);
        const lower = Math.max(joined[f], joined[a]) + 60;
        const t =
          r() < 0.22
            ? gen.between(r, Math.max(lower, winStart), winEnd - 60)
            : lower + Math.floor((winEnd - 60 - lower) * Math.pow(r(), 0.6));
        let un = 'null';
        if ((r() < 0.08 || (unfollowed === 0 && o.rows === 10)) && winEnd - t > 2 * HOUR) {
          un = `"${ts(gen.between(r, t + HOUR, winEnd - 1))}"`;
          unfollowed++;
        }
        const line = `{"id":"f${o.rows}","followerId":"m${f}","followeeId":"m${a}","followedAt":"${ts(t)}","unfollowedAt":${un}}`;
        if (o.add(line)) await o.flush();
        break;
      }
    }
    if ((f + 1) % 250_000 === 0) gen.onProgress?.('follows', o.rows);
  }
  await gen.done('follows', o);
}

export async function writeReferrals(gen: DemoWorld): Promise<void> {
  const r = gen.rng(100);
  const o = gen.out('referrals');
  for (let i = 0; i < gen.nMembers; i++) {
    const ref = gen.referrerOf[i];
    if (ref < 0) continue;
    // Referred just before joining, after the referrer joined, before the cutoff.
    const at = gen.joined[i] - int(r, Math.min(HOUR, gen.joined[i] - gen.joined[ref] - 1));
    const line = `{"id":"r${o.rows}","referrerId":"m${ref}","referredMemberId":"m${i}","referredAt":"${ts(at)}","pageSlug":"ref-${gen.username(ref)}"}`;
    if (o.add(line)) await o.flush();
  }
  await gen.done('referrals', o);
}
