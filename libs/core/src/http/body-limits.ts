import { SetMetadata } from '@nestjs/common';

/** How large and how deep a JSON body may be; checked while the bytes arrive, before anything parses them. */
export interface BodyLimits {
  /** The most bytes of body. */
  bytes: number;
  /** The deepest nesting of objects and arrays (`{}` alone is depth 1). */
  depth: number;
  /** The most object keys plus array items, over the whole body. */
  members: number;
  /** What the top-level value must be: an object (every DTO) or an array (batches of records). */
  root: 'object' | 'array';
  /** Keys at this depth are validated by the route itself, per record (see JsonShape). */
  recordKeysDepth?: number;
}

/** Every route unless it says otherwise: a form's worth of JSON. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { bytes: 100 * 1024, depth: 8, members: 2_000, root: 'object' };

/** A batch of up to 10,000 flat records (intake, import): large, but shallow. */
export const RECORD_BATCH_BODY_LIMITS: BodyLimits = {
  bytes: 25 * 1024 * 1024,
  depth: 3,
  members: 400_000,
  root: 'array',
  recordKeysDepth: 2,
};

/** A list of up to 10,000 small items under one key (e.g. mark-paid's payout state changes). */
export const ITEM_LIST_BODY_LIMITS: BodyLimits = { bytes: 2 * 1024 * 1024, depth: 4, members: 40_000, root: 'object' };

/** Query-string values written as JSON (react-admin's `filter`, `sort`, `range`). */
export const QUERY_JSON_LIMITS = { depth: 4, members: 1_000 };

export const BODY_LIMITS_KEY = 'ppc:body-limits';

/** Body limits of a route other than the default (the api reads them at boot to parse each route's body). */
export const BodyLimit = (limits: BodyLimits) => SetMetadata(BODY_LIMITS_KEY, limits);
