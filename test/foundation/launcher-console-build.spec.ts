import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Issue 13: the console build follows NODE_ENV (a production server must not serve the
 * build a development NODE_ENV made first). scripts/run.mjs on a tiny project whose
 * "console" build writes the NODE_ENV it ran under.
 */
describe('the launcher rebuilds the console when NODE_ENV changes', () => {
  let root: string;
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const launch = (env: Record<string, string | undefined>) => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/run.mjs'), 'start'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: undefined, ...env },
    });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    return {
      built: r.stdout.includes('[run] building the console'),
      served: readFileSync(join(root, 'apps/admin/dist/index.html'), 'utf8'),
    };
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ppc-launcher-console-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(join(REPO, 'scripts/run.mjs'), join(root, 'scripts/run.mjs'));
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
    file('package.json', JSON.stringify({ type: 'module', workspaces: ['apps/admin'] }));
    file(
      'tsconfig.build.json',
      JSON.stringify({
        compilerOptions: { module: 'nodenext', outDir: 'dist', rootDir: '.', skipLibCheck: true, types: ['node'] },
        include: ['apps/cli/src'],
      }),
    );
    file('apps/cli/src/main.ts', `console.log('cli says', process.argv.slice(2).join(' '));\n`);
    file('apps/admin/package.json', JSON.stringify({ name: '@launcher-test/admin', private: true, scripts: { build: 'node build.mjs' } }));
    file(
      'apps/admin/build.mjs',
      `import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nwriteFileSync('dist/index.html', 'built for ' + process.env.NODE_ENV);\n`,
    );
    file('apps/admin/index.html', '<!doctype html>');
    file('apps/admin/src/main.tsx', '');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds for production by default, again for development, and back for production', () => {
    expect(launch({})).toEqual({ built: true, served: 'built for production' });
    expect(launch({ NODE_ENV: 'production' })).toEqual({ built: false, served: 'built for production' });
    expect(launch({ NODE_ENV: 'development' })).toEqual({ built: true, served: 'built for development' });
    expect(launch({ NODE_ENV: 'production' })).toEqual({ built: true, served: 'built for production' });
  });
});
