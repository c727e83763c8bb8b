import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { JsonGuard, JsonShapeError, type JsonShape } from './json-guard.js';

const SHAPE: JsonShape = { depth: 4, members: 50 };

/** Scans `text` split into chunks of `size` bytes; the refusal (rule and path), or null. */
function scan(text: string, shape: JsonShape = SHAPE, size = 7): { rule: string; path: string } | null {
  const bytes = Buffer.from(text, 'utf8');
  const guard = new JsonGuard(shape);
  try {
    for (let i = 0; i < bytes.length; i += size) guard.feed(bytes.subarray(i, i + size));
    return null;
  } catch (e) {
    if (e instanceof JsonShapeError) return { rule: e.rule, path: e.path };
    throw e;
  }
}

describe('JsonGuard', () => {
  it('passes ordinary bodies, whatever the chunking', () => {
    const body = JSON.stringify({
      filter: { id: ['a', 'b'], q: 'x "quoted" \\ back' },
      payouts: [{ statementId: 'u', state: 'failed' }],
      n: -1.5e3,
      ok: true,
      none: null,
    });
    for (const size of [1, 2, 3, 5, 64]) expect(scan(body, SHAPE, size)).toBeNull();
  });

  it('refuses nesting deeper than the limit at the first byte too deep, naming where', () => {
    expect(scan('[[[[1]]]]')).toBeNull();
    expect(scan('[[[[[1]]]]]')).toEqual({ rule: 'depth', path: '[0][0][0][0]' });
    expect(scan('{"a":{"b":{"c":{"d":{}}}}}')).toEqual({ rule: 'depth', path: 'a.b.c.d' });
    // brackets inside strings are text
    expect(scan(JSON.stringify({ a: '[[[[[[[[{{{{{{' }))).toBeNull();
    // 20,000 levels, 10 MB of arrays: refused after a few bytes, never read further
    const guard = new JsonGuard(SHAPE);
    expect(() => guard.feed(Buffer.from('['.repeat(10_000_000)))).toThrow(JsonShapeError);
  });

  it('counts keys and array items over the whole body', () => {
    expect(scan(JSON.stringify(Array.from({ length: 50 }, (_, i) => i)))).toBeNull();
    expect(scan(JSON.stringify(Array.from({ length: 51 }, (_, i) => i)))).toMatchObject({ rule: 'members' });
    expect(scan(JSON.stringify({ a: Array(30).fill('x'), b: Array(30).fill(1) }))).toMatchObject({ rule: 'members' });
  });

  it('refuses prototype keys, nested and however they are spelled, but not as values', () => {
    expect(scan('{"filter":{"__proto__":{"id":"x"}}}')).toEqual({ rule: 'key', path: 'filter.__proto__' });
    expect(scan('[{"ok":1},{"constructor":{}}]')).toEqual({ rule: 'key', path: '[1].constructor' });
    expect(scan('{"a":[1,{"prototype":1}]}')).toEqual({ rule: 'key', path: 'a[1].prototype' });
    expect(scan('{"\\u005f_proto\\u005f_":1}')).toEqual({ rule: 'key', path: '__proto__' });
    expect(scan(`{"${'\\u0063\\u006f\\u006e\\u0073\\u0074\\u0072\\u0075\\u0063\\u0074\\u006f\\u0072'}":1}`)).toMatchObject({ rule: 'key' });
    expect(scan('{"name":"__proto__","sort":["constructor","ASC"],"protos":1,"__proto":2}')).toBeNull();
  });

  it("leaves a batch's record keys to the batch's own validation, but not the keys nested in a record", () => {
    const batch = { ...SHAPE, recordKeysDepth: 2 };
    expect(scan('[{"id":"r1","__proto__":{}},{"constructor":1}]', batch)).toBeNull();
    expect(scan('[{"id":"r1","meta":{"__proto__":1}}]', batch)).toEqual({ rule: 'key', path: '[0].meta.__proto__' });
  });

  it('refuses \\u0000 in any string, keys included', () => {
    expect(scan('{"name":"a\\u0000b"}')).toEqual({ rule: 'nul', path: 'name' });
    expect(scan('{"a\\u0000":1}')).toMatchObject({ rule: 'nul' });
    expect(scan('{"name":"a\\\\u0000b"}')).toBeNull(); // an escaped backslash, then the text u0000
    expect(scan('{"name":"\\u00001"}')).toMatchObject({ rule: 'nul' });
    expect(scan('{"name":"\\u0100"}')).toBeNull();
  });

  it('agrees with JSON.parse on random values: refuses exactly when they are too deep or too many', () => {
    const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
    const membersOf = (v: unknown): number =>
      v !== null && typeof v === 'object' ? Object.values(v).reduce<number>((n, c) => n + 1 + membersOf(c), 0) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 9 }), (value, size) => {
        const text = JSON.stringify(value);
        if (/__proto__|constructor|prototype|\\u0000/.test(text)) return;
        const parsed = JSON.parse(text) as unknown;
        const expected = depthOf(parsed) > SHAPE.depth || membersOf(parsed) > SHAPE.members;
        expect(scan(text, SHAPE, size) !== null).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
