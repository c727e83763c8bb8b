/*
 * Demo data generator: writes an import bundle (a folder of NDJSON files, one record
 * per line, shapes as in spec/import-format.md) with realistic-looking reading data for
 * the months ending with `period` (two by default; the demo uses more, for history).
 *
 * - Deterministic: every random draw comes from seeded mulberry32 streams (one stream per
 *   phase, random.ts), so a seed always gives byte-identical files.
 * - Streaming: the per-entity state the references need lives in typed arrays (world.ts);
 *   records are formatted with string templates and written in chunks with backpressure
 *   (ndjson-out.ts). No file is ever built in memory; `large` (10M sessions, 1M members)
 *   stays well under 300 MB.
 * - Consistent: every referenced id exists in the bundle; times respect causality
 *   (members join before they read, subscribe, write or follow; stories are read after
 *   they are published); referrals are all before the legacy cutoff.
 */
import { mkdir } from 'node:fs/promises';
import { isPeriod, monthIndex } from '../../../core/src/period/period.js';
import { BUNDLE_KINDS, DEMO_MONTHS, DEMO_SIZES, type DemoSizeConfig, type GenerateBundleOptions } from './bundle.js';
import { planMembers, planStories } from './plan.js';
import { DemoWorld } from './world.js';
import {
  writeEnrollments,
  writeMembers,
  writeMembershipsAndCharges,
  writePayoutAccounts,
  writePublications,
  writeStories,
} from './write-people.js';
import { writeIntegrityPlants } from './integrity-plants.js';
import { writeApplications, writeNominations, writeTickets } from './write-queues.js';
import { writeBoosts, writeFollows, writeReferrals, writeSessionsAndEngagements } from './write-reading.js';

export * from './bundle.js';

const STEPS = [
  writeMembers,
  writeMembershipsAndCharges,
  writePublications,
  writeStories,
  writeEnrollments,
  writePayoutAccounts,
  writeBoosts,
  writeSessionsAndEngagements,
  writeFollows,
  writeIntegrityPlants,
  writeReferrals,
  writeNominations,
  writeApplications,
  writeTickets,
];

export async function generateBundle(opts: GenerateBundleOptions): Promise<Record<string, number>> {
  const cfg = (DEMO_SIZES as Record<string, DemoSizeConfig | undefined>)[opts.size];
  if (!cfg) throw new Error(`unknown demo size "${String(opts.size)}" (tiny, small, medium, large)`);
  if (!Number.isFinite(opts.seed)) throw new Error('seed must be a finite number');
  if (!isPeriod(opts.period)) throw new Error(`period must be YYYY-MM, got "${opts.period}"`);
  const periodIndex = monthIndex(opts.period);
  const months = opts.months ?? DEMO_MONTHS.default;
  if (!Number.isInteger(months) || months < DEMO_MONTHS.min || months > DEMO_MONTHS.max) {
    throw new Error(`months must be an integer from ${DEMO_MONTHS.min} to ${DEMO_MONTHS.max}, got ${months}`);
  }
  await mkdir(opts.outDir, { recursive: true });
  const w = new DemoWorld(cfg, opts.seed, periodIndex, opts.outDir, opts.onProgress, months);
  try {
    planMembers(w);
    planStories(w);
    for (const step of STEPS) await step(w);
  } catch (e) {
    for (const o of w.open) o.destroy();
    throw e;
  }
  const out: Record<string, number> = {};
  for (const k of BUNDLE_KINDS) out[k] = w.counts[k] ?? 0;
  return out;
}
