import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supervise } from '../../apps/cli/src/serve.js';

const alive = (c: ChildProcess) => {
  try {
    process.kill(c.pid!, 0);
    return true;
  } catch {
    return false;
  }
};

/** `cli serve`'s supervision, with real child processes standing in for the api and the worker. */
describe('serve: a failed start-up leaves nothing running', () => {
  let dir: string;
  let server: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ppc-serve-'));
    server = join(dir, 'server.mjs');
    writeFileSync(server, 'setInterval(() => undefined, 1000);\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs supervise until it exits; what was running when the database was stopped. */
  async function run(
    startUp: (start: (modulePath: string, env: NodeJS.ProcessEnv) => ChildProcess, children: ChildProcess[]) => Promise<void>,
  ) {
    const children: ChildProcess[] = [];
    const runningAtDatabaseStop: number[] = [];
    const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const code = await new Promise<number>((resolve) => {
        const db = { stop: async () => void runningAtDatabaseStop.push(children.filter(alive).length) };
        void supervise(db, (start) => startUp(start, children), resolve);
      });
      return { code, children, runningAtDatabaseStop, reported: report.mock.calls.map((c) => String(c[0])) };
    } finally {
      report.mockRestore();
    }
  }

  it('an error after the api and the worker are forked (e.g. seeding demo runs) stops both, then the database, and exits 1', async () => {
    const r = await run(async (start, children) => {
      children.push(start(server, process.env), start(server, process.env));
      await Promise.all(children.map((c) => once(c, 'spawn')));
      throw new Error('demo runs could not be seeded');
    });
    expect(r.code).toBe(1);
    expect(r.runningAtDatabaseStop).toEqual([0]);
    expect(r.children.map((c) => c.signalCode)).toEqual(['SIGTERM', 'SIGTERM']);
    expect(r.reported).toEqual([expect.stringMatching(/start-up failed/)]);
  });

  it('an error before anything is forked (e.g. a failed migration) still stops the database and exits 1', async () => {
    const r = await run(async () => {
      throw new Error('migration failed');
    });
    expect(r).toMatchObject({ code: 1, runningAtDatabaseStop: [0] });
  });

  it('a child that exits stops the other one and the database, with its exit code', async () => {
    const crashing = join(dir, 'crashing.mjs');
    writeFileSync(crashing, 'setTimeout(() => process.exit(3), 50);\n');
    const r = await run(async (start, children) => {
      children.push(start(server, process.env), start(crashing, process.env));
    });
    expect(r.code).toBe(3);
    expect(r.runningAtDatabaseStop).toEqual([0]);
    expect(r.children[0].signalCode).toBe('SIGTERM');
  });
});
