#!/usr/bin/env node
// The one launcher behind the npm scripts: installs dependencies when node_modules is
// missing, builds what is stale, then runs the cli (or the tests). So `npm run demo` and
// `npm test` work by themselves on a fresh clone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** The packages the lock file installs on this platform, nested ones too (other platforms' optional binaries are skipped). */
function expectedPackages() {
  try {
    const { packages = {} } = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    const fits = (list, value) => !list || list.some((x) => x === value || (x.startsWith('!') ? x.slice(1) !== value : false));
    return Object.entries(packages).filter(
      ([k, p]) => /(^|\/)node_modules\//.test(k) && !p.link && fits(p.os, process.platform) && fits(p.cpu, process.arch),
    ).length;
  } catch {
    return 0;
  }
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  // `npm install`, not `npm ci`: the registries these machines reach lack other platforms'
  // optional binaries, which `npm ci` insists the lock file resolves. The lock file names no
  // tarball URLs, so npm asks the registry twice per package (its metadata, then its
  // tarball): those requests (npm's http log) are the progress, said every few seconds.
  const expected = expectedPackages();
  const downloads = expected * 2;
  console.log(
    `[run] installing dependencies (npm install from the lock file: ${expected || 'about 900'} packages, a few minutes on a cold npm cache)…`,
  );
  const started = Date.now();
  const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=http'], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'pipe'],
  });
  let fetched = 0;
  let rest = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      if (/^npm http fetch /.test(line)) fetched += 1;
      else process.stderr.write(`${line}\n`); // warnings and errors as npm prints them
    }
  });
  const timer = setInterval(
    () => {
      const pct = downloads ? ` (${Math.min(99, Math.floor((100 * fetched) / downloads))}%)` : '';
      console.log(
        `[run] npm install: ${fetched}${downloads ? ` of about ${downloads}` : ''} registry requests${pct}, ${Math.round((Date.now() - started) / 1000)} s`,
      );
    },
    Number(process.env.RUN_PROGRESS_MS) || 5000,
  );
  const code = await new Promise((done) => child.once('close', (c) => done(c ?? 1)));
  clearInterval(timer);
  if (rest && !/^npm http fetch /.test(rest)) process.stderr.write(`${rest}\n`);
  if (code !== 0) process.exit(code);
  console.log(`[run] dependencies installed in ${Math.round((Date.now() - started) / 1000)} s (${fetched} registry requests)`);
}

function buildServer() {
  const sources = Math.max(
    newest(join(root, 'libs')),
    newest(join(root, 'apps/api')),
    newest(join(root, 'apps/worker')),
    newest(join(root, 'apps/cli')),
    newest(join(root, 'bench')),
  );
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
  const shared = [
    'libs/core/src/period/period.ts',
    'libs/payouts/src/payout-rules.ts',
    'libs/help-desk/src/ticket-categories.ts',
    'libs/payouts/src/earnings-parameter-fields.ts',
    'libs/integrity/src/integrity-parameter-fields.ts',
    'libs/eligibility/src/birth-date-rule.ts',
    'libs/core/src/text-limits.ts',
  ].map((f) => stamp(join(root, f)));
  // Vite builds React's development build under NODE_ENV=development: the build follows NODE_ENV.
  const mode = process.env.NODE_ENV || 'production';
  const modeFile = join(src, 'dist/.node-env');
  const builtMode = existsSync(modeFile) ? readFileSync(modeFile, 'utf8') : null;
  const stale =
    Math.max(newest(join(src, 'src')), newest(join(src, 'public')), stamp(join(src, 'index.html')), ...shared) >
    stamp(join(src, 'dist/index.html'));
  if (stale || builtMode !== mode) {
    console.log(`[run] building the console (NODE_ENV=${mode})…`);
    run('npm', ['run', 'build', '--workspace', 'apps/admin'], { env: { ...process.env, NODE_ENV: mode } });
    writeFileSync(modeFile, mode);
  }
}

/**
 * Back to a fresh demo: the embedded PostgreSQL's data and the generated bundles go; the
 * next `npm run demo` creates them again. Never a configured database (DATABASE_URL).
 */
function resetDemo() {
  if (process.env.DATABASE_URL) {
    console.error('[run] demo:reset only resets the embedded PostgreSQL; with DATABASE_URL set, drop and recreate that database yourself.');
    process.exit(2);
  }
  const data = join(root, process.env.EMBEDDED_PG_DIR || '.data/pg');
  const pidFile = join(data, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    let running;
    try {
      process.kill(pid, 0);
      running = true;
    } catch {
      running = false;
    }
    if (running) {
      console.error(`[run] the demo's PostgreSQL is running (pid ${pid}): stop \`npm run demo\` (Ctrl+C) first.`);
      process.exit(1);
    }
  }
  for (const dir of [data, join(root, 'demo-data')]) {
    if (existsSync(dir)) console.log(`[run] removing ${dir}`);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('[run] the demo is reset: `npm run demo` starts it again with fresh data.');
}

const cli = (argv) => run('node', ['--enable-source-maps', 'dist/apps/cli/src/main.js', ...argv]);

switch (command) {
  case 'demo-reset':
    resetDemo();
    break;
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
    if (!args.length) {
      // Lint, format, the layering rules (eslint.config.js) and the copy detector (.jscpd.json).
      run('npx', ['eslint', '--max-warnings', '0', '.']);
      run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
      run('npx', ['jscpd', '--config', '.jscpd.json']);
      // The console's server types (apps/admin/src/api-types.ts) match the OpenAPI document.
      run('node', ['scripts/api-types.mjs', '--check']);
    }
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
