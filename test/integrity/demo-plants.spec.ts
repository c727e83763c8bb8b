import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeHooks } from '../../libs/core/src/index.js';
import { generateBundle } from '../../libs/intake/src/demo-data/generator.js';
import { DEMO_PLANTS } from '../../libs/intake/src/demo-data/integrity-plants.js';
import { SignalsService } from '../../libs/integrity/src/index.js';
import { removeDir, runImport } from '../intake/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';

const PERIOD = '2026-10';

/** The demo data's planted patterns reach the integrity queue: each kind is found, as planted. */
describe('integrity patterns in the demo data', () => {
  let t: TestApp;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ppc-integrity-demo-'));
    await generateBundle({ size: 'small', seed: 5, outDir: folder, period: PERIOD });
    t = await startTestApp();
    await runImport(t.db.url, folder, { hooks: t.app.get(IntakeHooks), workers: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await removeDir(folder);
  });

  it('finds the planted rings, farms and concentrations (and nothing else)', async () => {
    await t.app.get(SignalsService).detect(PERIOD);
    const flags = (
      await t.db.pool.query(
        `SELECT f.signal, count(*)::int AS n, sum(jsonb_array_length(coalesce(f.evidence->'writers', f.evidence->'members', '[1]')))::int AS members
         FROM integrity_flags f JOIN integrity_cases c ON c.id = f.case_id WHERE c.period = $1 GROUP BY f.signal ORDER BY f.signal`,
        [PERIOD],
      )
    ).rows;
    expect(flags).toEqual([
      { signal: 'concentration', n: DEMO_PLANTS.concentrations, members: DEMO_PLANTS.concentrations },
      { signal: 'farm', n: DEMO_PLANTS.farms, members: DEMO_PLANTS.farms * DEMO_PLANTS.farmSize },
      { signal: 'ring', n: DEMO_PLANTS.rings, members: DEMO_PLANTS.rings * DEMO_PLANTS.ringSize },
    ]);
  });
});
