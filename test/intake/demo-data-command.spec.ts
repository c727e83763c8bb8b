import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseDemoDataArgs, previousUtcMonth } from '../../apps/cli/src/demo-data-command.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { removeDir } from './fixtures.js';

const run = promisify(execFile);

describe('demo-data command', () => {
  it('defaults: the previous UTC month, demo-data/<size>, seed 1', () => {
    expect(previousUtcMonth(new Date('2026-01-01T00:30:00+02:00'))).toBe('2025-11'); // 2025-12-31T22:30Z
    expect(previousUtcMonth(new Date('2026-03-31T23:59:59Z'))).toBe('2026-02');
    expect(parseDemoDataArgs(['--size', 'medium'], new Date('2026-11-05T00:00:00Z'))).toEqual({
      size: 'medium',
      seed: 1,
      outDir: resolve('demo-data/medium'),
      period: '2026-10',
    });
    expect(parseDemoDataArgs(['--size=small', '--seed', '42', '--out', '/tmp/x', '--period', '2026-07']).seed).toBe(42);
    expect(() => parseDemoDataArgs(['--size', 'huge'])).toThrow(/--size must be one of tiny, small, medium, large/);
    expect(() => parseDemoDataArgs(['--period', '2026-13'])).toThrow(/--period must be YYYY-MM/);
  });

  describe('end to end through the command line', () => {
    let db: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      db = await freshDatabase();
      dir = await mkdtemp(join(tmpdir(), 'ppc-demo-'));
    });
    afterAll(async () => {
      await removeDir(dir);
      await db.drop();
    });

    it('writes every bundle file, and the import takes all of it without a refusal', async () => {
      const out = join(dir, 'tiny');
      await run(process.execPath, [
        'dist/apps/cli/src/main.js',
        'demo-data',
        '--size',
        'tiny',
        '--seed',
        '5',
        '--out',
        out,
        '--period',
        '2026-10',
      ]);
      expect((await readdir(out)).sort()).toHaveLength(15);
      const { stdout } = await run(process.execPath, ['dist/apps/cli/src/main.js', 'import', out], {
        env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: '', LOG_LEVEL: 'silent' },
      });
      expect(stdout).toMatch(/imported .* in [\d.]+ s: [\d,]+ inserted, 0 updated, 0 unchanged, 0 rejected/);
      expect(stdout).toMatch(/peak memory \(RSS\): \d+ MB/);
    });
  });
});
