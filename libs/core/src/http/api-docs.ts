import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiQuery, getSchemaPath } from '@nestjs/swagger';
import { MAX_PAGE, RANGE_TYPES, sortFields, type FilterField, type ListSpec } from './list-query.js';

/** An amount as the API writes it: a JSON integer (micro-dollars or cents), a decimal string beyond 2^53. */
export const ApiMoney = (opts: { nullable?: boolean; description?: string } = {}) =>
  ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?\\d+$' }],
    nullable: opts.nullable,
    description: opts.description ?? 'integer amount (a decimal string beyond 2^53)',
  });

export const ApiTimestamp = (opts: { nullable?: boolean } = {}) =>
  ApiProperty({ type: String, format: 'date-time', nullable: opts.nullable });

const VALUE_SCHEMAS: Record<FilterField['type'], Record<string, unknown>> = {
  text: { type: 'string' },
  int: { type: 'integer' },
  bigint: { type: 'integer' },
  bool: { type: 'boolean' },
  timestamp: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  uuid: { type: 'string', format: 'uuid' },
  period: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
};

/** The JSON schema of a list's `filter` object, from its ListSpec (the same fields parseListQuery accepts). */
export function filterSchema(spec: ListSpec): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(spec.filters)) {
    const one = def.values ? { type: 'string', enum: [...def.values] } : VALUE_SCHEMAS[def.type];
    properties[name] = { oneOf: [one, { type: 'array', items: one }] };
    if (def.op !== 'contains' && RANGE_TYPES.includes(def.type)) {
      properties[`${name}_gte`] = one;
      properties[`${name}_lte`] = one;
    }
  }
  if (spec.search?.length) properties.q = { type: 'string', description: 'free-text search' };
  return { type: 'object', properties, additionalProperties: false };
}

/**
 * Documents a list route in react-admin's simple REST dialect from its ListSpec: `sort`
 * (the sortable fields), `range`, `filter` (a JSON object of the filter fields) and, given
 * the record class, the array it answers with and its Content-Range header.
 */
export function ApiList(spec: ListSpec, item?: Type<unknown>) {
  const sortable = Object.keys(sortFields(spec));
  return applyDecorators(
    ApiQuery({
      name: 'sort',
      required: false,
      schema: { type: 'string', example: JSON.stringify(spec.defaultSort) },
      description: `JSON ["field","ASC"|"DESC"]; field one of ${sortable.join(', ')}; default ${JSON.stringify(spec.defaultSort)}`,
    }),
    ApiQuery({
      name: 'range',
      required: false,
      schema: { type: 'string', example: '[0,24]' },
      description: `JSON [first,last], both included, at most ${MAX_PAGE} rows`,
    }),
    ApiQuery({
      name: 'filter',
      required: false,
      content: { 'application/json': { schema: filterSchema(spec) } },
      description: 'JSON object; unknown fields are a 400',
    }),
    ...(item
      ? [
          ApiExtraModels(item),
          ApiOkResponse({
            schema: { type: 'array', items: { $ref: getSchemaPath(item) } },
            headers: {
              'Content-Range': { description: `${spec.resource} <first>-<last>/<total>`, schema: { type: 'string' } },
              'X-Total-Basis': { description: 'exact, or estimate beyond 10,000 matching rows', schema: { type: 'string' } },
            },
          }),
        ]
      : []),
  );
}
