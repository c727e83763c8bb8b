import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const json = (p: string) => JSON.parse(readFileSync(`${REPO}/${p}`, 'utf8'));

type Version = [number, number, number];
const parse = (v: string): (number | null)[] =>
  v
    .replace(/^v/, '')
    .split('.')
    .map((x) => (x === '' || x === 'x' || x === '*' ? null : Number(x)));
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether a Node version satisfies an npm `engines.node` range (the comparator forms the lock file uses). */
export function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(comparator)!;
        const [op, parts] = [m[1] ?? '', parse(m[2])];
        const lo = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0] as Version;
        if (parts[0] === null) return true;
        const c = cmp(version, lo);
        if (op === '>=') return c >= 0;
        if (op === '>') return c > 0;
        if (op === '<=') return c <= 0;
        if (op === '<') return c < 0;
        // ^X.Y.Z, ~X.Y.Z, X, X.Y, X.Y.Z: from lo up to the next major (^ and bare major) or minor.
        const minorOnly =
          op === '~' || (op === '' && parts[1] !== null && parts[1] !== undefined && (parts.length < 3 || parts[2] === null));
        const exact = op === '' && parts.length === 3 && parts[2] !== null;
        if (exact) return c === 0;
        const hi: Version = minorOnly ? [lo[0], lo[1] + 1, 0] : [lo[0] + 1, 0, 0];
        return c >= 0 && cmp(version, hi) < 0;
      }),
  );
}

/**
 * Issue 16: `npm install` on the Node the README names warns about no package (EBADENGINE):
 * every package the lock file installs accepts the oldest Node of package.json's engines.
 */
describe('the locked packages run on the Node the README and package.json name', () => {
  const engines: string = json('package.json').engines.node;
  const oldest = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(engines);

  it('package.json names an oldest Node, and the README says the same', () => {
    expect(oldest).not.toBeNull();
    const [major, minor] = [oldest![1], oldest![2]];
    expect(readFileSync(`${REPO}/README.md`, 'utf8')).toContain(`Node ${major}.${minor}`);
  });

  it('the range checker reads the forms the lock file uses', () => {
    expect(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([20, 18, 0], '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies([20, 19, 0], '>=22.12.0')).toBe(false);
    expect(satisfies([20, 19, 0], '20 || >=22')).toBe(true);
    expect(satisfies([21, 0, 0], '20 || >=22')).toBe(false);
    expect(satisfies([20, 19, 0], '>= 0.8')).toBe(true);
    expect(satisfies([20, 19, 0], '>=16 || 14 >=14.17')).toBe(true);
    expect(satisfies([20, 19, 0], '10.* || >= 12.*')).toBe(true);
  });

  it('no installed package needs a newer Node than the oldest one named', () => {
    const node: Version = [Number(oldest![1]), Number(oldest![2]), Number(oldest![3] ?? 0)];
    const { packages } = json('package-lock.json') as {
      packages: Record<string, { version?: string; engines?: unknown; optional?: boolean; os?: string[]; cpu?: string[] }>;
    };
    const refusing = Object.entries(packages)
      .filter(([, p]) => p.engines && typeof p.engines === 'object' && !Array.isArray(p.engines) && 'node' in p.engines)
      // other platforms' optional binaries are never installed here
      .filter(([, p]) => !(p.optional && (p.os || p.cpu) && !(p.os ?? [process.platform]).includes(process.platform)))
      .filter(([, p]) => !satisfies(node, (p.engines as { node: string }).node))
      .map(([k, p]) => `${k}@${p.version} (node ${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });
});
