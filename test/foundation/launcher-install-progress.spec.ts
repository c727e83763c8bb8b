import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Issue 16: on a fresh clone the launcher's `npm install` says how far it is (npm itself
 * prints nothing for minutes): scripts/run.mjs on a tiny project, with a stand-in `npm` that
 * logs registry requests the way `npm --loglevel=http` does, warns once, and takes a moment.
 */
describe('the launcher shows install progress from npm’s registry requests', () => {
  let root: string;
  let bin: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ppc-launcher-install-'));
    bin = join(root, 'fake-bin');
    mkdirSync(join(root, 'scripts'), { recursive: true });
    mkdirSync(bin);
    copyFileSync(join(REPO, 'scripts/run.mjs'), join(root, 'scripts/run.mjs'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    // three packages here (one nested), and another platform's binary that is never installed
    const packages = {
      '': { name: 'tiny' },
      'node_modules/a': { version: '1.0.0' },
      'node_modules/b': { version: '1.0.0' },
      'node_modules/b/node_modules/c': { version: '1.0.0' },
      'node_modules/other-os': { version: '1.0.0', optional: true, os: [process.platform === 'win32' ? 'linux' : 'win32'] },
    };
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
    const fake = [
      `#!${process.execPath}`,
      `const fs = require('node:fs');`,
      `fs.writeFileSync(${JSON.stringify(join(root, 'npm-args.json'))}, JSON.stringify(process.argv.slice(2)));`,
      `const urls = ['a', 'b', 'c'].flatMap((p) => ['https://registry.example/' + p, 'https://registry.example/' + p + '/-/' + p + '-1.0.0.tgz']);`,
      `let i = 0;`,
      `console.error('npm warn deprecated something: a warning the user should still see');`,
      `const t = setInterval(() => {`,
      `  if (i < urls.length) return console.error('npm http fetch GET 200 ' + urls[i++] + ' 12ms (cache miss)');`,
      `  clearInterval(t);`,
      `  fs.mkdirSync('node_modules', { recursive: true });`,
      `  fs.writeFileSync('node_modules/.package-lock.json', '{}');`,
      `}, 60);`,
    ].join('\n');
    writeFileSync(join(bin, 'npm'), fake);
    writeFileSync(join(bin, 'package.json'), JSON.stringify({ type: 'commonjs' })); // the project is ESM; the stand-in is not
    chmodSync(join(bin, 'npm'), 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('counts the registry requests against two per package of this platform, and passes warnings through', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/run.mjs'), 'demo-reset'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, RUN_PROGRESS_MS: '100', DATABASE_URL: '' },
    });
    expect({ status: r.status, stderr: r.status ? r.stderr : '' }).toEqual({ status: 0, stderr: '' });
    expect(existsSync(join(root, 'node_modules/.package-lock.json'))).toBe(true);
    expect(r.stdout).toContain('npm install from the lock file: 3 packages');
    const progress = r.stdout.split('\n').filter((l) => l.startsWith('[run] npm install: '));
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatch(/^\[run\] npm install: [0-6] of about 6 registry requests \(\d+%\), \d+ s$/);
    expect(r.stdout).toMatch(/\[run\] dependencies installed in \d+ s \(6 registry requests\)/);
    // npm's own warnings still show; its request log does not
    expect(r.stderr).toContain('a warning the user should still see');
    expect(r.stderr).not.toContain('npm http fetch');
  });
});
