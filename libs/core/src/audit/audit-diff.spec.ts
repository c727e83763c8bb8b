import { describe, expect, it } from '@jest/globals';
import { auditChanges } from './audit-diff.js';

describe('auditChanges', () => {
  it('keeps only the keys whose value changed (nested values compared whatever their key order)', () => {
    const before = { a: 1, b: 'x', c: { p: 1, q: [1, 2] }, d: null, gone: true };
    const after = { a: 1, b: 'y', c: { q: [1, 2], p: 1 }, d: null, added: 3 };
    expect(auditChanges(before, after)).toEqual([
      { key: 'b', before: 'x', after: 'y' },
      { key: 'added', after: 3 },
      { key: 'gone', before: true },
    ]);
  });

  it('a creation lists every key as new, a deletion every key as removed, nothing for no change', () => {
    expect(auditChanges(null, { id: 'x', n: 1 })).toEqual([
      { key: 'id', after: 'x' },
      { key: 'n', after: 1 },
    ]);
    expect(auditChanges({ id: 'x' }, null)).toEqual([{ key: 'id', before: 'x' }]);
    expect(auditChanges({ a: [1] }, { a: [1] })).toEqual([]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges('a', 'b')).toEqual([{ key: 'value', before: 'a', after: 'b' }]);
  });

  it('an 18-key parameter set changed in one value is one change', () => {
    const set = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`k${i}`, i]));
    expect(auditChanges(set, { ...set, k7: 70 })).toEqual([{ key: 'k7', before: 7, after: 70 }]);
  });
});
