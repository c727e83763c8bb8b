#!/usr/bin/env node
// Browser tests of the staff console: `node test/browser/run.mjs` (npm test runs it after
// jest, once the server and the console are built). Starts a fresh database with the demo
// data, the real api (serving apps/admin/dist) and worker, then runs each role's
// walkthrough in Debian's Chromium. Screenshots: test-results/screenshots/.
// BROWSER_ONLY=<part of a name>[,...] runs some walkthroughs only.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startEnvironment } from './environment.mjs';
import { CHROMIUM, createRunner, launch } from './kit.mjs';
import { defineCraftWalkthroughs } from './craft.mjs';
import { defineQueueWalkthroughs } from './queues.mjs';
import { defineSessionWalkthroughs } from './sessions.mjs';
import { defineTwoFactorWalkthroughs } from './two-factor.mjs';
import { defineWalkthroughs } from './walkthroughs.mjs';
import { defineFormsWalkthroughs } from './forms.mjs';
import { defineListsWalkthroughs } from './lists.mjs';
import { defineReconciliationWalkthroughs } from './reconciliation.mjs';
import { defineLedgerViewsWalkthroughs } from './ledgerviews.mjs';
import { definePayoutProjectionWalkthroughs } from './payout-projection.mjs';
import { defineIntegrityWalkthroughs } from './integrity.mjs';
import { defineSimulationsWalkthroughs } from './simulations.mjs';
import { defineApprovalWarningsWalkthroughs, defineThresholdsWalkthroughs } from './approval-warnings.mjs';
import { defineCalibrationWalkthroughs } from './calibration.mjs';
import { defineEstimatesWalkthroughs } from './estimates.mjs';

const outDir = join(ROOT, 'test-results', 'browser');
const shotsDir = join(ROOT, 'test-results', 'screenshots');

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`[browser] ${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
    return 1;
  }
  rmSync(shotsDir, { recursive: true, force: true });
  console.log('[browser] starting the api, the worker and the demo data…');
  const env = await startEnvironment({ outDir });
  let browser;
  // Interrupted: stop the api and worker and drop the database all the same.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.log(`[browser] ${signal}: cleaning up`);
      Promise.resolve(browser?.close())
        .catch(() => undefined)
        .then(() => env.cleanup())
        .finally(() => process.exit(130));
    });
  }
  try {
    browser = await launch();
    const only = process.env.BROWSER_ONLY?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const runner = createRunner({ browser, base: env.base, shotsDir, only });
    const perf = {};
    const pending = [];
    // Two-factor first: it approves the earlier demo period, which the finance walkthrough's
    // approval of the later period would otherwise make stale (a later period approved).
    defineTwoFactorWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env, outDir, perf });
    defineQueueWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineSessionWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineCraftWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineFormsWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineListsWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineReconciliationWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineLedgerViewsWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    definePayoutProjectionWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineIntegrityWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineSimulationsWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineApprovalWarningsWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineCalibrationWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineThresholdsWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    defineEstimatesWalkthroughs({ walkthrough: (name, fn) => pending.push([name, fn]), env });
    console.log(`[browser] ${env.base} — walkthroughs:`);
    for (const [name, fn] of pending) await runner.walkthrough(name, fn);
    const passed = runner.results.filter((r) => r.ok).length;
    const failed = runner.results.length - passed;
    console.log(`[browser] screenshots: ${shotsDir}; logs: ${outDir}`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await env.cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
