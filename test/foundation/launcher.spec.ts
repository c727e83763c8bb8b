import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const LONG_AGO = new Date('2000-01-01T00:00:00Z');

/**
 * scripts/run.mjs on a tiny project of its own (a cli that prints its arguments, one lib):
 * what it rebuilds, and what the build leaves in dist.
 */
describe('the launcher (scripts/run.mjs) rebuilds what is stale', () => {
  let root: string;
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** Sources (files and folders) as if unchanged for years, so that only what a test changes is new. */
  const age = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) age(join(dir, e.name));
    for (const e of readdirSync(dir)) utimesSync(join(dir, e), LONG_AGO, LONG_AGO);
    utimesSync(dir, LONG_AGO, LONG_AGO);
  };
  const launch = () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/run.mjs'), 'hello'], { cwd: root, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(r.stdout).toContain('cli says hello');
    // The build is stamped a second back: only what changes after this run counts as newer.
    const back = new Date(statSync(join(root, 'dist/.built')).mtimeMs - 1000);
    utimesSync(join(root, 'dist/.built'), back, back);
    return { built: r.stdout.includes('[run] building the server') };
  };
  const built = (path: string) => existsSync(join(root, 'dist', path));

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ppc-launcher-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(join(REPO, 'scripts/run.mjs'), join(root, 'scripts/run.mjs'));
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
    file('package.json', JSON.stringify({ type: 'module' }));
    file(
      'tsconfig.build.json',
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'nodenext',
          outDir: 'dist',
          rootDir: '.',
          sourceMap: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['apps/cli/src', 'libs'],
      }),
    );
    file('apps/cli/src/main.ts', `console.log('cli says', process.argv.slice(2).join(' '));\n`);
    file('libs/shapes/src/old.ts', 'export const old = 1;\n');
    age(join(root, 'apps'));
    age(join(root, 'libs'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds once, then not again while nothing changed', () => {
    expect(launch().built).toBe(true);
    expect(built('libs/shapes/src/old.js')).toBe(true);
    expect(launch().built).toBe(false);
  });

  it('notices a new file whose name merely starts with "dist" (distance.ts)', () => {
    file('libs/shapes/src/distance.ts', 'export const distance = 2;\n');
    utimesSync(join(root, 'libs/shapes/src'), LONG_AGO, LONG_AGO); // only the file itself says it is new
    expect(launch().built).toBe(true);
    expect(built('libs/shapes/src/distance.js')).toBe(true);
  });

  it('rebuilds when a source is deleted, and leaves no compiled output of it', () => {
    unlinkSync(join(root, 'libs/shapes/src/old.ts'));
    expect(launch().built).toBe(true);
    expect(built('libs/shapes/src/old.js')).toBe(false);
    expect(built('libs/shapes/src/old.js.map')).toBe(false);
    expect(built('libs/shapes/src/distance.js')).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['apps', 'dist', 'libs', 'node_modules', 'package.json', 'scripts', 'tsconfig.build.json']);
  });
});
