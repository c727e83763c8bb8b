import { periodProblem } from '../period/period.js';
import { badInput } from './errors.js';

/**
 * How one API field of a list may be filtered. `column` is a trusted SQL expression.
 * `op: 'equals'` (the default): `column = value`, or `column = ANY(values)` for an array.
 * `op: 'contains'`: `column` is an array of `type`; `value = ANY(column)`, or `column && values` for an array.
 * `op: 'partial'` (text only): `column ILIKE '%value%'`, case-insensitive, the value's `%`, `_` and `\` taken literally.
 */
export interface FilterField {
  column: string;
  type: 'text' | 'int' | 'bigint' | 'bool' | 'timestamp' | 'date' | 'uuid' | 'period';
  op?: 'equals' | 'contains' | 'partial';
  /** Allowed values for enum-like text fields. */
  values?: readonly string[];
}

/** The SQL type of a filter value (arrays of it are `<type>[]`). */
const SQL_TYPES: Record<FilterField['type'], string> = {
  text: 'text',
  int: 'int',
  bigint: 'bigint',
  bool: 'boolean',
  timestamp: 'timestamptz',
  date: 'date',
  uuid: 'uuid',
  period: 'text',
};

/** The filter types that also take `<field>_gte` / `<field>_lte` (periods are `YYYY-MM`: text order is month order). */
export const RANGE_TYPES: readonly FilterField['type'][] = ['int', 'bigint', 'timestamp', 'date', 'period'];

export interface ListSpec {
  resource: string;
  /** API field → SQL expression it sorts by. */
  sort: Record<string, string>;
  /** API field → filter. `<field>_gte` / `<field>_lte` are accepted for the RANGE_TYPES. */
  filters: Record<string, FilterField>;
  /** SQL expressions `q` searches with ILIKE. */
  search?: string[];
  /** The unique, stable tie-breaker (SQL expression), e.g. the id. */
  key: string;
  defaultSort: [string, 'ASC' | 'DESC'];
  /**
   * Sort fields whose column is NOT NULL: ordered without `NULLS LAST` (the same order), so a
   * descending sort can walk an ascending index backwards.
   */
  notNull?: readonly string[];
  /** Filters every request must give: a list of one parent's rows (without it, every parent's rows would be computed). */
  required?: readonly string[];
}

export interface ListQuery {
  where: string;
  params: unknown[];
  orderBy: string;
  offset: number;
  limit: number;
}

export const MAX_PAGE = 10_000;
const DEFAULT_PAGE = 25;

/** `%value%` for ILIKE, the value's own `%`, `_` and `\` escaped. */
const likePattern = (value: unknown) => `%${String(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function parseJson(raw: unknown, name: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw badInput(`${name} must be given once, as JSON`, [{ field: name, message: 'must be JSON' }]);
  try {
    return JSON.parse(raw);
  } catch {
    throw badInput(`${name} is not valid JSON`, [{ field: name, message: 'must be JSON' }]);
  }
}

function coerce(field: string, def: FilterField, value: unknown): unknown {
  const bad = (expected: string) =>
    badInput(`filter ${field} must be ${expected}`, [{ field: `filter.${field}`, message: `must be ${expected}` }]);
  switch (def.type) {
    case 'int':
    case 'bigint':
      if ((typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value)))
        return String(value);
      throw bad('an integer');
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw bad('true or false');
    case 'timestamp':
    case 'date':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw bad(def.type === 'date' ? 'a date (YYYY-MM-DD)' : 'an ISO 8601 timestamp');
    case 'uuid':
      if (typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)) return value;
      throw bad('a uuid');
    case 'period': {
      const problem = periodProblem(value);
      if (problem === null) return value;
      throw badInput(`filter ${field} ${problem}`, [{ field: `filter.${field}`, message: problem }]);
    }
    default:
      if (typeof value !== 'string' && typeof value !== 'number') throw bad('a string');
      if (String(value).includes('\0')) throw bad('text without NUL characters');
      if (def.values && !def.values.includes(String(value))) throw bad(`one of ${def.values.join(', ')}`);
      return String(value);
  }
}

/**
 * The fields a list sorts by: its own, and always `id` (react-admin's default sort), which is
 * the list's key unless the list names another column for it.
 */
export function sortFields(spec: ListSpec): Record<string, string> {
  return Object.hasOwn(spec.sort, 'id') ? spec.sort : { id: spec.key, ...spec.sort };
}

/**
 * Parses react-admin's simple REST list query (`sort`, `range`, `filter`) against what
 * the resource allows; anything unknown is a 400 naming it.
 */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListQuery {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const sortRaw = parseJson(query.sort, 'sort') ?? spec.defaultSort;
  if (
    !Array.isArray(sortRaw) ||
    sortRaw.length !== 2 ||
    typeof sortRaw[0] !== 'string' ||
    !['ASC', 'DESC'].includes(String(sortRaw[1]).toUpperCase())
  ) {
    throw badInput('sort must be ["field","ASC"|"DESC"]', [{ field: 'sort', message: 'must be ["field","ASC"|"DESC"]' }]);
  }
  const sortable = sortFields(spec);
  const sortColumn = Object.hasOwn(sortable, sortRaw[0]) ? sortable[sortRaw[0]] : undefined;
  if (!sortColumn) {
    throw badInput(`cannot sort ${spec.resource} by "${sortRaw[0]}"; sortable: ${Object.keys(sortable).join(', ')}`, [
      { field: 'sort', message: `unknown sort field ${sortRaw[0]}` },
    ]);
  }
  const direction = String(sortRaw[1]).toUpperCase();

  const filterRaw = parseJson(query.filter, 'filter') ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw badInput('filter must be a JSON object', [{ field: 'filter', message: 'must be an object' }]);
  }
  const missing = (spec.required ?? []).filter((f) => (filterRaw as Record<string, unknown>)[f] === undefined);
  if (missing.length) {
    throw badInput(
      `filter must name ${missing.join(', ')}`,
      missing.map((f) => ({ field: `filter.${f}`, message: 'is required' })),
    );
  }
  // react-admin's getMany sends `filter={"id":[...]}` with no range: answer every id asked for.
  const ids = (filterRaw as { id?: unknown }).id;
  const defaultLast = Array.isArray(ids) ? Math.min(Math.max(ids.length, DEFAULT_PAGE), MAX_PAGE) - 1 : DEFAULT_PAGE - 1;
  const rangeRaw = parseJson(query.range, 'range') ?? [0, defaultLast];
  if (
    !Array.isArray(rangeRaw) ||
    rangeRaw.length !== 2 ||
    !rangeRaw.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    rangeRaw[1] < rangeRaw[0]
  ) {
    throw badInput('range must be [first, last] with 0 <= first <= last', [{ field: 'range', message: 'must be [first,last]' }]);
  }
  const offset = rangeRaw[0] as number;
  const limit = (rangeRaw[1] as number) - offset + 1;
  if (limit > MAX_PAGE)
    throw badInput(`range may cover at most ${MAX_PAGE} rows`, [{ field: 'range', message: `at most ${MAX_PAGE} rows` }]);

  for (const [name, value] of Object.entries(filterRaw)) {
    if (value === undefined || value === null || value === '') continue;
    if (name === 'q' && spec.search?.length) {
      if (String(value).includes('\0'))
        throw badInput('filter q must not contain NUL characters', [{ field: 'filter.q', message: 'must not contain NUL characters' }]);
      const like = p(likePattern(value));
      conditions.push(`(${spec.search.map((c) => `${c} ILIKE ${like}`).join(' OR ')})`);
      continue;
    }
    const range = /^(.+)_(gte|lte)$/.exec(name);
    const fieldName = range ? range[1] : name;
    const def = Object.hasOwn(spec.filters, fieldName) ? spec.filters[fieldName] : undefined;
    if (!def || (range && (def.op === 'contains' || !RANGE_TYPES.includes(def.type)))) {
      const allowed = Object.keys(spec.filters).concat(spec.search?.length ? ['q'] : []);
      throw badInput(`cannot filter ${spec.resource} by "${name}"; filterable: ${allowed.join(', ')}`, [
        { field: `filter.${name}`, message: 'unknown filter field' },
      ]);
    }
    if (def.op === 'partial') {
      const values = (Array.isArray(value) ? value : [value]).map((v) => likePattern(coerce(name, def, v)));
      conditions.push(`${def.column} ILIKE ANY(${p(values)}::text[])`);
    } else if (range) {
      conditions.push(`${def.column} ${range[2] === 'gte' ? '>=' : '<='} ${p(coerce(name, def, value))}`);
    } else if (Array.isArray(value)) {
      const values = `${p(value.map((v) => coerce(name, def, v)))}::${SQL_TYPES[def.type]}[]`;
      conditions.push(def.op === 'contains' ? `${def.column} && ${values}` : `${def.column} = ANY(${values})`);
    } else {
      const param = p(coerce(name, def, value));
      conditions.push(def.op === 'contains' ? `${param} = ANY(${def.column})` : `${def.column} = ${param}`);
    }
  }

  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    orderBy: `ORDER BY ${sortColumn} ${direction}${spec.notNull?.includes(sortRaw[0]) || sortColumn === spec.key ? '' : ' NULLS LAST'}, ${spec.key} ${direction}`,
    offset,
    limit,
  };
}

/** `estimate`: the total is the planner's estimate, not a count (header X-Total-Basis). */
export type TotalBasis = 'exact' | 'estimate';

/** A page of a list; the list interceptor turns it into the body, Content-Range and X-Total-Basis. */
export class Page<T> {
  constructor(
    readonly resource: string,
    readonly offset: number,
    readonly rows: T[],
    readonly total: number,
    readonly basis: TotalBasis = 'exact',
  ) {}

  get contentRange(): string {
    if (this.rows.length === 0) return `${this.resource} */${this.total}`;
    return `${this.resource} ${this.offset}-${this.offset + this.rows.length - 1}/${this.total}`;
  }
}

/**
 * Builds a Page from rows carrying a window `total` column; when the page is empty
 * (offset past the end) the total is counted separately.
 */
export async function toPage<T extends { total?: unknown }>(
  resource: string,
  offset: number,
  rows: T[],
  count: () => Promise<number>,
): Promise<Page<Omit<T, 'total'>>> {
  const total = rows.length ? Number(rows[0].total) : await count();
  return new Page(
    resource,
    offset,
    rows.map(({ total: _t, ...rest }) => rest),
    total,
  );
}
