/*
 * Gaming patterns planted in the demo month (issue 18), so that the integrity queue is never
 * empty in the demo: appended to the kinds' files once they are written.
 * - rings: 2 groups of 4 enrolled writers, each reading every other's story 8 times (60–300 s)
 *   and clapping it;
 * - farms: 2 × 12 fresh members whose memberships began on the same day, each opening one
 *   little-read writer's story 5 times for 31–40 seconds;
 * - concentration: 3 paying members, each reading one little-read writer 80 times.
 * The patterns are fixed by the seed like everything else; docs/integrity-signals.md says
 * what the detector sees in them.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleKind } from './bundle.js';
import { int } from './random.js';
import { DAY, addMonths, monthString, ts } from './time.js';
import { F_ENROLLED_NOW, F_PAYING } from './vocabulary.js';
import type { DemoWorld } from './world.js';

export const DEMO_PLANTS = { rings: 2, ringSize: 4, farms: 2, farmSize: 12, concentrations: 3 } as const;
const PUBLISHED = 1;

export async function writeIntegrityPlants(gen: DemoWorld): Promise<void> {
  const r = gen.rng(95);
  const lines: Partial<Record<BundleKind, string[]>> = {};
  const add = (kind: BundleKind, line: string) => (lines[kind] ??= []).push(line);
  const { pStart, winEnd } = gen;
  const inPeriod = (lo: number) => gen.between(r, Math.max(lo, pStart), winEnd - 3600);
  // stories by popularity, least read last; a writer's published story read in the period
  const readable = Array.from(gen.storyByRank).filter((s) => gen.storyStatus[s] === PUBLISHED && gen.storyPublished[s] < pStart);
  const used = new Set<number>();
  const take = (from: number[]) => {
    const s = from.find((x) => !used.has(gen.storyAuthor[x]) && (gen.flags[gen.storyAuthor[x]] & F_ENROLLED_NOW) !== 0);
    if (s === undefined) return undefined;
    used.add(gen.storyAuthor[s]);
    return s;
  };
  let n = 0;
  const session = (story: number, reader: number, at: number, secs: number) =>
    add(
      'sessions',
      `{"id":"ip${n++}","storyId":"s${story}","readerId":"m${reader}","startedAt":"${ts(at)}","activeSeconds":${secs},"mode":"read"}`,
    );

  const mid = readable.slice(Math.floor(readable.length / 3));
  for (let g = 0; g < DEMO_PLANTS.rings; g++) {
    const ring = Array.from({ length: DEMO_PLANTS.ringSize }, () => take(mid)).filter((s) => s !== undefined);
    for (const x of ring)
      for (const y of ring) {
        if (x === y) continue;
        const reader = gen.storyAuthor[x];
        for (let k = 0; k < 8; k++) session(y, reader, inPeriod(gen.storyPublished[y]), 60 + int(r, 240));
        add(
          'engagements',
          `{"id":"ipe${n++}","storyId":"s${y}","memberId":"m${reader}","kind":"clap","occurredAt":"${ts(inPeriod(0))}","count":50}`,
        );
        add(
          'follows',
          `{"id":"ipf${n++}","followerId":"m${reader}","followeeId":"m${gen.storyAuthor[y]}","followedAt":"${ts(inPeriod(0))}","unfollowedAt":null}`,
        );
      }
  }

  const tail = readable.slice().reverse();
  let member = gen.nMembers;
  for (let f = 0; f < DEMO_PLANTS.farms; f++) {
    const story = take(tail);
    if (story === undefined) break;
    const day = pStart + (2 + 5 * f) * DAY;
    for (let j = 0; j < DEMO_PLANTS.farmSize; j++, member++) {
      const joined = day + int(r, 6 * 3600);
      add(
        'members',
        `{"id":"m${member}","username":"fresh${member}","name":"Fresh Reader ${member}","email":"fresh${member}@example.net","country":"US","birthDate":null,"joinedAt":"${ts(joined)}","earningsExcluded":false}`,
      );
      add(
        'memberships',
        `{"id":"ipms${member}","memberId":"m${member}","plan":"monthly","tier":"member","startedAt":"${ts(joined + 60)}","endedAt":null}`,
      );
      add(
        'charges',
        `{"id":"ipch${member}","memberId":"m${member}","plan":"monthly","coversFrom":"${monthString(gen.periodIndex)}","chargedAt":"${ts(addMonths(joined + 60, 0))}","grossCents":500,"feeCents":45,"netCents":455,"status":"paid"}`,
      );
      for (let k = 0; k < 5; k++) session(story, member, inPeriod(joined + 120), 31 + int(r, 10));
    }
  }

  for (let c = 0; c < DEMO_PLANTS.concentrations; c++) {
    const story = take(tail);
    if (story === undefined) break;
    let reader = gen.readerOrder[int(r, Math.max(1, gen.nPaying))];
    while ((gen.flags[reader] & F_PAYING) === 0 || reader === gen.storyAuthor[story]) reader = gen.readerOrder[int(r, gen.nMembers)];
    for (let k = 0; k < 80; k++) session(story, reader, inPeriod(gen.storyPublished[story]), 300 + int(r, 900));
  }

  for (const [kind, rows] of Object.entries(lines) as [BundleKind, string[]][]) {
    await appendFile(join(gen.outDir, `${kind}.ndjson`), rows.join('\n') + '\n');
    gen.counts[kind] = (gen.counts[kind] ?? 0) + rows.length;
    gen.onProgress?.(kind, gen.counts[kind]);
  }
}
