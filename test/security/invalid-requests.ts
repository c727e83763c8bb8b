/**
 * Invalid requests generated from the OpenAPI document: for every operation, hostile bodies
 * (shape, size, types, nulls, huge numbers, NUL bytes, prototype keys, invalid dates and
 * periods, wrong content types), hostile ids, and hostile list queries (injection strings
 * in filter, sort and range), each sent with the credential that may call the route, and
 * one of them with every other credential. Every body is invalid by construction: it
 * mutates a field into something its declared type refuses, or breaks the body as a whole,
 * so no request of the set is a valid write.
 */
import { MAX_TEXT_LENGTH } from '../../libs/core/src/text-limits.js';

export interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  $ref?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: OpenApiSchema }> } }>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export interface Operation {
  method: string;
  /** `/api/payout-runs/{id}/mark-paid` */
  path: string;
  body?: OpenApiSchema;
  /** The credential that may call it (for the checks after the guard). */
  credential: string;
}

export interface HostileRequest {
  kind: string;
  /** A batch whose records are each refused: answered 200 with every record rejected, nothing written. */
  perRecord?: boolean;
  method: string;
  path: string;
  credential: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';
/** Longer than any text field accepts. */
const OVERLONG = 'x'.repeat(MAX_TEXT_LENGTH + 1);
const INVALID_DATES = ['+275760-09-13', '2026-02-30', '0000-00-00', '2026-13-01', '1-1-1', '2026-01-01T25:00:00Z'];
const INVALID_PERIODS = ['2026-13', '2026-00', '+275760-09', '26-01', '2026-1', "2026-01' OR '1'='1"];
const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE staff_users; --",
  '" OR ""="',
  "%' OR '1'='1",
  '$1',
  '\\x00',
  '${7*7}',
  '<script>alert(1)</script>',
];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 64, 2 ** 53 /* what 9007199254740993 parses to */, 1.5, -0.5];
/** Ids for path parameters: none exists, several are malformed. */
const HOSTILE_IDS = [
  'x1',
  ZERO_UUID,
  "'%20OR%201=1--",
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'a'.repeat(3000),
  '%E0%A4%A',
  '-1',
  '1e999',
];

export function resolve(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components.schemas[schema.$ref.split('/').pop()!];
}

/** A plausible value of a schema (the other fields of a mutated body). */
function sample(doc: OpenApiDocument, s: OpenApiSchema | undefined): unknown {
  const schema = resolve(doc, s) ?? {};
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return schema.format === 'uuid' ? ZERO_UUID : schema.format === 'date' ? '2020-01-01' : 'sample text';
    case 'number':
    case 'integer':
      return schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(doc, schema.items)];
    default:
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(doc, v)]));
  }
}

/** Values the field's declared type refuses, by kind. */
function invalidValues(doc: OpenApiDocument, s: OpenApiSchema): [string, unknown][] {
  const schema = resolve(doc, s) ?? {};
  const out: [string, unknown][] = [];
  if (!schema.nullable) out.push(['null', null]);
  const isText = schema.type === 'string';
  if (schema.type !== 'object') out.push(['object', { a: 1 }]);
  if (schema.type !== 'array') out.push(['array', ['x']]);
  if (isText) {
    out.push(['number', 12345], ['boolean', true], ['overlong', OVERLONG], ['nul', 'a\u0000b']);
    if (schema.enum) out.push(['enum', INJECTIONS[0]]);
    if (schema.format === 'uuid') out.push(['uuid', INJECTIONS[1]]);
    if (schema.format === 'date') for (const d of INVALID_DATES) out.push(['date', d]);
    if (/^\d{4}-\d{2}$/.test(String(schema.example ?? ''))) for (const p of INVALID_PERIODS) out.push(['period', p]);
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    out.push(['string', '1'], ['boolean', true], ['nul', 'a\u0000b']);
    for (const n of HUGE_NUMBERS) out.push(['huge', n]);
    if (schema.minimum !== undefined) out.push(['below', schema.minimum - 1]);
    if (schema.maximum !== undefined) out.push(['above', schema.maximum + 1]);
  }
  if (schema.type === 'boolean') out.push(['string', 'true'], ['number', 1]);
  if (schema.type === 'array') {
    out.push(['string', 'x'], ['object', { a: 1 }], ['null-item', [null]], ['too-many', Array(20_001).fill(0)]);
    const items = resolve(doc, schema.items);
    if (items?.properties)
      for (const [k, v] of invalidValues(doc, {
        type: 'object',
        properties: { [Object.keys(items.properties)[0]]: items.properties[Object.keys(items.properties)[0]] },
      }))
        out.push([`item-${k}`, [v]]);
  }
  if (schema.type === 'object') out.push(['string', 'x'], ['array', []], ['deep', deep(10)]);
  return out;
}

const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });
const nestedObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Bodies broken as a whole, around an otherwise plausible body. */
function brokenBodies(
  base: Record<string, unknown>,
  hasRequired: boolean,
): { kind: string; body: string | Buffer; headers?: Record<string, string> }[] {
  const json = JSON.stringify(base);
  const withKey = (raw: string) => (json === '{}' ? `{${raw}}` : `${json.slice(0, -1)},${raw}}`);
  const form =
    Object.entries(base)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&') || 'a=1';
  return [
    { kind: 'unknown-key', body: withKey('"zzUnknown":1') },
    { kind: 'proto-key', body: withKey('"__proto__":{"isAdmin":true}') },
    { kind: 'proto-key-escaped', body: withKey('"\\u005f_proto__":{"isAdmin":true}') },
    { kind: 'constructor-key', body: withKey('"constructor":{"prototype":{"isAdmin":true}}') },
    { kind: 'nested-proto-key', body: withKey('"zz":{"a":{"__proto__":1}}') },
    { kind: 'prototype-key', body: withKey('"prototype":1') },
    { kind: 'deep', body: withKey(`"zz":${nestedObjects(9)}`) },
    { kind: 'deep-20000', body: nestedObjects(20_000) },
    { kind: 'many-members', body: `[${Array(500_001).fill(0).join(',')}]` },
    { kind: 'oversize', body: withKey(`"zz":"${'y'.repeat(200_000)}"`) },
    { kind: 'nul-key', body: withKey('"a\\u0000":1') },
    { kind: 'root-array', body: `[${json}]` },
    { kind: 'root-string', body: '"just a string"' },
    { kind: 'root-number', body: '12345' },
    { kind: 'root-null-with-key', body: withKey('"zz":null') },
    { kind: 'truncated', body: json.slice(0, -1) },
    { kind: 'single-quotes', body: "{'a':1}" },
    { kind: 'trailing-comma', body: withKey('"zz":1,') },
    { kind: 'bom', body: `\uFEFF${withKey('"zz":1')}` },
    { kind: 'invalid-utf8', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
    { kind: 'text-plain', body: json, headers: { 'Content-Type': 'text/plain' } },
    { kind: 'xml', body: '<?xml version="1.0"?><a><b>1</b></a>', headers: { 'Content-Type': 'application/xml' } },
    { kind: 'form', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    {
      kind: 'multipart',
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    },
    { kind: 'utf16', body: json, headers: { 'Content-Type': 'application/json; charset=utf-16le' } },
    { kind: 'gzip', body: json, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } },
    { kind: 'no-content-type', body: json, headers: { 'Content-Type': '' } },
    { kind: 'bad-content-type', body: json, headers: { 'Content-Type': 'application/json; ;;;=' } },
    ...(hasRequired ? [{ kind: 'empty-object', body: '{}' }] : []),
  ];
}

/** Query strings every list route gets: malformed and injected filter, sort and range. */
const LIST_QUERIES: [string, Record<string, string>][] = [
  ['sort-injection', { sort: JSON.stringify([INJECTIONS[0], 'ASC']) }],
  ['sort-order-injection', { sort: JSON.stringify(['id', 'ASC; DROP TABLE staff_users']) }],
  ['sort-proto', { sort: JSON.stringify(['__proto__', 'ASC']) }],
  ['sort-shape', { sort: '"id"' }],
  ['sort-broken', { sort: '["id","ASC"' }],
  ['range-huge', { range: '[0,1000000000]' }],
  ['range-negative', { range: '[-1,5]' }],
  ['range-reversed', { range: '[5,1]' }],
  ['range-string', { range: '"0-10"' }],
  ['range-float', { range: '[1.5,2]' }],
  ['range-injection', { range: `["${INJECTIONS[0]}",1]` }],
  ['range-1e21', { range: '[1e21,1e21]' }],
  ['filter-unknown', { filter: '{"zzUnknown":"x"}' }],
  ['filter-operator', { filter: '{"id":{"$ne":null}}' }],
  ['filter-q-nul', { filter: '{"q":"a\\u0000b"}' }],
  ['filter-proto', { filter: '{"__proto__":{"id":"x"}}' }],
  ['filter-constructor', { filter: '{"constructor":{"id":"x"}}' }],
  ['filter-deep', { filter: nestedObjects(6) }],
  ['filter-many-ids', { filter: JSON.stringify({ id: Array.from({ length: 1001 }, (_, i) => i) }) }],
  ['filter-not-json', { filter: '{nope' }],
  ['filter-array', { filter: '[1,2]' }],
  ['query-proto', { __proto__x: '1', filter: '{}' }],
];

/** Query strings spread over the list routes in turn (each list gets a share, every one is sent). */
const ROTATING_LIST_QUERIES: [string, Record<string, string>][] = [
  ...INJECTIONS.map((i): [string, Record<string, string>] => ['sort-injection', { sort: JSON.stringify([i, 'DESC']) }]),
  ...INJECTIONS.map((i): [string, Record<string, string>] => ['filter-unknown-injection', { filter: JSON.stringify({ [i]: 'x' }) }]),
  ...INJECTIONS.map((i): [string, Record<string, string>] => ['filter-q-injection', { filter: JSON.stringify({ q: i }) }]),
  ...INVALID_DATES.flatMap((d): [string, Record<string, string>][] =>
    [
      'createdAt_gte',
      'submittedAt_lte',
      'enrolledAt_gte',
      'startsAt_gte',
      'publishedAt_lte',
      'nominatedAt_gte',
      'referredAt_gte',
      'dateAdded_gte',
    ].map((f) => ['filter-invalid-date', { filter: JSON.stringify({ [f]: d }) }]),
  ),
];
let rotation = 0;

const fill = (path: string, value: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'kind' ? 'members' : name === 'period' ? INVALID_PERIODS[0] : value));
const qs = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${k === '__proto__x' ? '__proto__' : encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

export function operations(doc: OpenApiDocument, credentialOf: (method: string, path: string) => string): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      body: op.requestBody?.content['application/json']?.schema,
      credential: credentialOf(method.toUpperCase(), path),
    })),
  );
}

/** Every hostile request for one operation, with the credential that may call it. */
export function hostileRequests(doc: OpenApiDocument, op: Operation): HostileRequest[] {
  const out: HostileRequest[] = [];
  const add = (kind: string, path: string, body?: string | Buffer, headers: Record<string, string> = JSON_TYPE) =>
    out.push({ kind, method: op.method, path, credential: op.credential, headers, body });
  const path = fill(op.path, 'x1');
  const schema = resolve(doc, op.body);
  if (schema?.type === 'object' || schema?.properties) {
    const base = sample(doc, schema) as Record<string, unknown>;
    for (const b of brokenBodies(base, (schema.required ?? []).length > 0)) add(`body:${b.kind}`, path, b.body, b.headers ?? JSON_TYPE);
    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      for (const [kind, value] of invalidValues(doc, fieldSchema)) add(`field:${kind}`, path, JSON.stringify({ ...base, [field]: value }));
    }
  } else if (schema?.type === 'array') {
    // record batches (intake): refused as a whole; per-record problems are answered per record, not here
    for (const b of brokenBodies({}, false).filter((b) => !['root-array', 'empty-object'].includes(b.kind)))
      add(`batch:${b.kind}`, path, b.body, b.headers ?? JSON_TYPE);
    add('batch:nested-proto', path, '[{"id":"p1","zz":{"__proto__":{"isAdmin":true}}}]');
    add('batch:proto-record', path, '[{"id":"p1","__proto__":{"isAdmin":true}},{"id":"p2","constructor":1,"prototype":2}]');
    out[out.length - 1].perRecord = true;
    add('batch:unknown-field-record', path, '[{"id":"p1","zzUnknown":1}]');
    out[out.length - 1].perRecord = true;
    add('batch:object', path, '{"records":[]}');
    add('batch:nul-record', path, '[{"id":"a\\u0000b"}]');
    add('batch:deep-record', path, `[{"id":"p1","zz":${nestedObjects(4)}}]`);
    add('batch:unknown-kind', op.path.replace('{kind}', 'zz%00kind'), '[]');
  } else if (op.method !== 'GET') {
    // actions that take no body: only nothing or {} is accepted
    add('no-body:json', path, '{"zz":1}');
    add('no-body:array', path, '[]');
    add('no-body:proto', path, '{"__proto__":{"x":1}}');
    add('no-body:text', path, 'approve it', { 'Content-Type': 'text/plain' });
    add('no-body:form', path, 'a=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
  } else {
    add('get-with-body:json', path, '{"zz":1}');
    add('get-with-body:text', path, 'x', { 'Content-Type': 'text/plain' });
    if (!op.path.includes('{')) {
      const share = Array.from({ length: 6 }, () => ROTATING_LIST_QUERIES[rotation++ % ROTATING_LIST_QUERIES.length]);
      for (const [kind, query] of [...LIST_QUERIES, ...share]) add(`list:${kind}`, `${path}?${qs(query)}`, undefined, {});
    }
  }
  if (op.path.includes('{')) {
    for (const id of HOSTILE_IDS.slice(1))
      add('id', fill(op.path, id), op.method === 'GET' ? undefined : '{"zz":1}', op.method === 'GET' ? {} : JSON_TYPE);
  }
  return out;
}

/**
 * One request of the operation with every other credential: one that parses, so it reaches
 * the guard (401/403), or, for admins (who pass every staff guard), the validation.
 */
export function credentialSweep(doc: OpenApiDocument, op: Operation, credentials: string[]): HostileRequest[] {
  const all = hostileRequests(doc, op);
  const request = ['field:null', 'list:filter-unknown', 'batch:proto-record'].map((k) => all.find((r) => r.kind === k)).find(Boolean) ?? {
    kind: 'no-body:none',
    method: op.method,
    path: fill(op.path, 'x1'),
    credential: op.credential,
    headers: {},
  };
  // An action with no input at all (no body, no path id) has nothing to refuse: its bodiless
  // request is a valid call for admins, who pass every staff guard (their call is tested with its route).
  const noInput = request.kind === 'no-body:none' && !op.path.includes('{');
  return credentials
    .filter((c) => c !== op.credential && !(noInput && c === 'admin'))
    .map((credential) => ({ ...request, kind: `credential:${request.kind}`, credential }));
}
