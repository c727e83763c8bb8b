/*
 * The per-record work of both doors, for one batch, synchronously: parse (the import's
 * lines), validate (validate.ts), resolve references to keys, and encode the accepted
 * records as COPY text rows. Runs in the caller's thread (the API, small files) or in
 * worker threads (big files: encode-pool.ts); either way the same code.
 */
import { RowEncoder } from './copy-text.js';
import type { KeyLookup, KeyTable } from './keys.js';
import type { KindSpec, RefEntity } from './kinds.js';
import type { BadLine } from './ndjson.js';
import { RecordValidator, type Value } from './validate.js';

export interface Rejection {
  line: number;
  id?: string;
  reason: string;
}

export interface EncodedBatch {
  /** COPY text rows of the accepted records. */
  text: string;
  /** Records seen (blank lines are not records). */
  received: number;
  accepted: number;
  rejections: Rejection[];
  /** With `identities`: [line, identity column value, the record's own identity] per accepted record. */
  identities?: [number, string, string][];
}

function isBadLine(x: unknown): x is BadLine {
  return typeof x === 'object' && x !== null && typeof (x as BadLine).bad === 'string' && Object.keys(x).length === 1;
}

function jsonProblem(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `the line is not valid JSON (${message.length > 120 ? `${message.slice(0, 120)}…` : message})`;
}

const NONE: KeyTable = { get: () => undefined };

export class BatchEncoder {
  private readonly validator: RecordValidator;
  private readonly encoder: RowEncoder;
  private readonly refs: { index: number; entity: RefEntity; table: KeyTable; label: string }[] = [];
  private readonly values: Value[];

  /**
   * `staged`: rows start with their line number (the staging table's first column).
   * `identities`: report each accepted record's identity (for per-record statuses).
   */
  constructor(
    readonly spec: KindSpec,
    keys: KeyLookup,
    private readonly opts: { staged: boolean; identities: boolean },
  ) {
    this.validator = new RecordValidator(spec);
    this.encoder = new RowEncoder(spec.fields);
    this.values = new Array(spec.fields.length);
    spec.fields.forEach((f, index) => {
      if (f.type.t !== 'ref') return;
      const entity = f.type.entity;
      this.refs.push({ index, entity, table: keys.table(entity) ?? NONE, label: f.name === `${entity}Id` ? '' : ` (${f.name})` });
    });
  }

  /**
   * Items are JSON lines to parse (`parse`: the import; blank lines are skipped) or parsed
   * values (the API). Item i has line number (or index) `first + i`.
   */
  encode(first: number, items: readonly unknown[], parse: boolean): EncodedBatch {
    const { validator, encoder, refs, values } = this;
    const staged = this.opts.staged;
    const identityIndex = validator.identityIndex;
    const identities: [number, string, string][] | undefined = this.opts.identities ? [] : undefined;
    const rejections: Rejection[] = [];
    let received = 0;
    let accepted = 0;
    let text = '';
    for (let i = 0; i < items.length; i++) {
      const line = first + i;
      const item = items[i];
      let raw: unknown = item;
      if (parse) {
        if (typeof item === 'string') {
          if (item.length === 0 || item.trim().length === 0) continue;
          try {
            raw = JSON.parse(item);
          } catch (e) {
            received++;
            rejections.push({ line, reason: jsonProblem(e) });
            continue;
          }
        } else if (isBadLine(item)) {
          received++;
          rejections.push({ line, reason: item.bad });
          continue;
        }
      }
      received++;
      let reason = validator.validate(raw, values);
      if (reason === null) {
        for (let r = 0; r < refs.length; r++) {
          const ref = refs[r];
          const id = values[ref.index];
          if (id === null) continue;
          const key = ref.table.get(id as string);
          if (key === undefined) reason = `${reason === null ? '' : `${reason}; `}unknown ${ref.entity} ${String(id)}${ref.label}`;
          else values[ref.index] = key;
        }
      }
      if (reason !== null) {
        rejections.push({ line, id: validator.identityOf(raw), reason });
        continue;
      }
      accepted++;
      if (identities) identities.push([line, String(values[identityIndex]), validator.identityOf(raw) ?? '']);
      text += encoder.row(staged ? line : null, values);
    }
    return { text, received, accepted, rejections, identities };
  }
}
