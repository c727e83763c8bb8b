import { describe, expect, it } from '@jest/globals';
import { ApiError } from './errors.js';
import { parseListQuery, type ListSpec } from './list-query.js';

const SPEC: ListSpec = {
  resource: 'things',
  key: 'id',
  defaultSort: ['name', 'ASC'],
  sort: { name: 'name' },
  filters: {
    name: { column: 'name', type: 'text' },
    count: { column: 'count', type: 'int' },
    active: { column: 'active', type: 'bool' },
    at: { column: 'at', type: 'timestamp' },
    day: { column: 'day', type: 'date' },
    period: { column: 'period', type: 'period' },
    tag: { column: 'tags', type: 'text', op: 'contains', values: ['red', 'blue'] },
    action: { column: 'action', type: 'text', op: 'partial' },
  },
  search: ['name'],
};

/** The 400 a query gets, or null when it parses. */
function refusal(query: Record<string, unknown>): { field: string } | null {
  try {
    parseListQuery(query, SPEC);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).getStatus()).toBe(400);
    return ((e as ApiError).details as { field: string }[])[0];
  }
}

describe('parseListQuery', () => {
  it('a partial text filter is a case-insensitive substring match, its wildcards taken literally', () => {
    const q = parseListQuery({ filter: JSON.stringify({ action: 'Approve' }) }, SPEC);
    expect(q.where).toBe('WHERE action ILIKE ANY($1::text[])');
    expect(q.params).toEqual([['%Approve%']]);
    const literal = parseListQuery({ filter: JSON.stringify({ action: ['50%_off', 'a\\b'] }) }, SPEC);
    expect(literal.params).toEqual([['%50\\%\\_off%', '%a\\\\b%']]);
    expect(refusal({ filter: JSON.stringify({ action: 'x\u0000' }) })).toMatchObject({ field: 'filter.action' });
  });

  it('a period filter takes a range of months, each a valid YYYY-MM', () => {
    const q = parseListQuery({ filter: JSON.stringify({ period_gte: '2026-01', period_lte: '2026-03' }) }, SPEC);
    expect(q.where).toBe('WHERE period >= $1 AND period <= $2');
    expect(q.params).toEqual(['2026-01', '2026-03']);
    expect(refusal({ filter: JSON.stringify({ period_gte: '2026-13' }) })).toMatchObject({ field: 'filter.period_gte' });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('refuses to sort by the inherited name %s', (name) => {
    expect(refusal({ sort: JSON.stringify([name, 'ASC']) })).toEqual({ field: 'sort', message: `unknown sort field ${name}` });
  });

  it.each(['constructor', '__proto__', 'toString', 'valueOf_gte', 'constructor_lte'])(
    'refuses to filter by the inherited name %s',
    (name) => {
      // JSON.parse makes "__proto__" an own key, as a client's filter would.
      expect(refusal({ filter: `{"${name}": 1}` })).toEqual({ field: `filter.${name}`, message: 'unknown filter field' });
    },
  );

  it('answers every id of a getMany (filter by ids, no range) and pages 25 rows otherwise', () => {
    const spec: ListSpec = { ...SPEC, filters: { ...SPEC.filters, id: { column: 'id', type: 'text' } } };
    const ids = Array.from({ length: 40 }, (_, i) => `id${i}`);
    expect(parseListQuery({ filter: JSON.stringify({ id: ids }) }, spec)).toMatchObject({ offset: 0, limit: 40 });
    expect(parseListQuery({}, SPEC)).toMatchObject({ offset: 0, limit: 25 });
    expect(() => parseListQuery({ filter: '[1]' }, SPEC)).toThrow('filter must be a JSON object');
  });

  it('refuses range bounds that are not safe integers', () => {
    expect(refusal({ range: '[1e21, 1e21]' })).toMatchObject({ field: 'range' });
    expect(refusal({ range: JSON.stringify([2 ** 53, 2 ** 53 + 5]) })).toMatchObject({ field: 'range' });
    expect(refusal({ filter: JSON.stringify({ count: 1e21 }) })).toMatchObject({ field: 'filter.count' });
  });

  it('casts array filters to the array type of the field', () => {
    const q = parseListQuery(
      {
        filter: JSON.stringify({
          active: [true, 'false'],
          at: ['2024-01-01T00:00:00Z'],
          day: ['2024-01-01'],
          count: [1, '2'],
          name: ['a'],
        }),
      },
      SPEC,
    );
    expect(q.where).toBe(
      'WHERE active = ANY($1::boolean[]) AND at = ANY($2::timestamptz[]) AND day = ANY($3::date[]) AND count = ANY($4::int[]) AND name = ANY($5::text[])',
    );
    expect(q.params).toEqual([[true, false], ['2024-01-01T00:00:00Z'], ['2024-01-01'], ['1', '2'], ['a']]);
  });

  it('"contains" filters test membership in an array column, for one value or any of many', () => {
    expect(parseListQuery({ filter: JSON.stringify({ tag: 'red' }) }, SPEC)).toMatchObject({
      where: 'WHERE $1 = ANY(tags)',
      params: ['red'],
    });
    expect(parseListQuery({ filter: JSON.stringify({ tag: ['red', 'blue'] }) }, SPEC)).toMatchObject({
      where: 'WHERE tags && $1::text[]',
      params: [['red', 'blue']],
    });
    expect(refusal({ filter: JSON.stringify({ tag: ['red', 'green'] }) })).toMatchObject({ field: 'filter.tag' });
  });

  it('refuses NUL characters in text filters and in the search', () => {
    expect(refusal({ filter: JSON.stringify({ name: 'a\u0000b' }) })).toMatchObject({ field: 'filter.name' });
    expect(refusal({ filter: JSON.stringify({ name: ['ok', '\u0000'] }) })).toMatchObject({ field: 'filter.name' });
    expect(refusal({ filter: JSON.stringify({ q: 'x\u0000' }) })).toMatchObject({ field: 'filter.q' });
  });
});
