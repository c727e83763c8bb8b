#!/usr/bin/env node
// The one launcher behind the npm scripts: installs dependencies when node_modules is
// missing, builds what is stale, then runs the cli (or the tests). So `npm run demo` and
// `npm test` work by themselves on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [command, ...args] = process.argv.slice(2);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The latest change under dir: a file's mtime, or a directory's (a deleted or renamed file changes it). */
function newest(dir, skip = /^(node_modules|dist)$/) {
  if (!existsSync(dir)) return 0;
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.test(entry.name)) continue;
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return latest;
}

const stamp = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  // `npm install`, not `npm ci`: the registries these machines reach lack other platforms'
  // optional binaries, which `npm ci` insists the lock file resolves.
  console.log('[run] installing dependencies (npm install, from the lock file)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function buildServer() {
  const sources = Math.max(newest(join(root, 'libs')), newest(join(root, 'apps/api')), newest(join(root, 'apps/worker')), newest(join(root, 'apps/cli')), newest(join(root, 'bench')));
  if (sources > stamp(join(root, 'dist/.built'))) {
    console.log('[run] building the server…');
    // Into a fresh directory, then swapped in: no output of deleted sources survives, and
    // processes running from dist meanwhile (tests, a server) keep finding their files.
    const [dist, next, old] = ['dist', `.dist-next-${process.pid}`, `.dist-old-${process.pid}`].map((d) => join(root, d));
    const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', next], { cwd: root, stdio: 'inherit' });
    if (tsc.status !== 0) {
      rmSync(next, { recursive: true, force: true });
      process.exit(tsc.status ?? 1);
    }
    writeFileSync(join(next, '.built'), '');
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(next, dist);
    rmSync(old, { recursive: true, force: true });
  }
}

function buildAdmin() {
  const src = join(root, 'apps/admin');
  if (!existsSync(join(src, 'index.html'))) return;
  // The console also bundles the server's dependency-free rule files (apps/admin/vite.config.ts, `@libs`).
  const shared = ['libs/core/src/period/period.ts', 'libs/payouts/src/payout-rules.ts', 'libs/help-desk/src/ticket-categories.ts'].map((f) => stamp(join(root, f)));
  if (Math.max(newest(join(src, 'src')), stamp(join(src, 'index.html')), ...shared) > stamp(join(src, 'dist/index.html'))) {
    console.log('[run] building the console…');
    run('npm', ['run', 'build', '--workspace', 'apps/admin']);
  }
}

const cli = (argv) => run('node', ['--enable-source-maps', 'dist/apps/cli/src/main.js', ...argv]);

switch (command) {
  case 'start':
  case 'demo':
    buildServer();
    buildAdmin();
    cli(['serve', ...(command === 'demo' ? ['--demo'] : []), ...args]);
    break;
  case 'test':
    buildServer();
    buildAdmin();
    run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    run('node', ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...args], {
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() },
    });
    // Latency and browser checks run alone, after jest: other test files would load the same cores.
    if (!args.length) run('node', ['test/security/health-under-attack.mjs']);
    if (existsSync(join(root, 'test/browser')) && !args.length) run('node', ['test/browser/run.mjs']);
    break;
  default:
    buildServer();
    cli([command, ...args]);
}
