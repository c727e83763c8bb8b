/**
 * An incremental scan of JSON bytes that refuses, as soon as the offending byte arrives,
 * what no route accepts: nesting deeper than `depth`, more than `members` keys and items,
 * a `__proto__`, `constructor` or `prototype` key (outside a batch's record keys, which
 * the batch's validation reports per record), and `\u0000` (PostgreSQL cannot store it). It does not parse: JSON.parse does that afterwards, on bytes now known to be
 * shallow and bounded. One pass, constant memory, a few nanoseconds a byte, so a hostile
 * body costs the event loop nothing it could notice.
 */
export interface JsonShape {
  depth: number;
  members: number;
  /**
   * Keys at this depth are left to the caller's own validation (batches of records: 2, the
   * records' own keys, which intake names per record while keeping the valid records).
   */
  recordKeysDepth?: number;
}

export type JsonShapeRule = 'depth' | 'members' | 'key' | 'nul';

export class JsonShapeError extends Error {
  /** Where: `filter.__proto__`, `[3].name`; empty for the whole value. */
  constructor(
    readonly rule: JsonShapeRule,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Keys that reach into an object's prototype when code later copies or merges the value. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const FORBIDDEN = new Set(FORBIDDEN_KEYS);
export const FORBIDDEN_KEY_MESSAGE = `is not allowed (${FORBIDDEN_KEYS.join(', ')} keys are refused everywhere)`;
export const NUL_MESSAGE = 'must not contain NUL characters';
/** The longest spelling of a forbidden key: every character escaped (`\u0063…`, 11 × 6 bytes). */
const KEY_SCAN_BYTES = 66;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const hex = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : 16);

export class JsonGuard {
  private depth = 0;
  private members = 0;
  /** Open containers, innermost last: true for an object. */
  private readonly objects: boolean[] = [];
  /** Per open container: the last key read (objects) or the current index (arrays), to name where a refusal is. */
  private readonly at: (string | number)[] = [];
  private expectKey = false;
  private inAtom = false;
  private inString = false;
  /** 0: plain; 1: after a backslash; 2–5: reading the hex digits of `\u`. */
  private escape = 0;
  private codeUnit = 0;
  /** The bytes of the key being read (only its first KEY_SCAN_BYTES + 1), or null inside a value string. */
  private key: number[] | null = null;

  constructor(private readonly shape: JsonShape) {}

  /** Scans the next bytes; throws a JsonShapeError at the first refused one. */
  feed(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (this.inString) {
        this.stringByte(c);
        continue;
      }
      switch (c) {
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.value();
          if (++this.depth > this.shape.depth)
            throw new JsonShapeError('depth', `nests deeper than ${this.shape.depth} levels`, this.path());
          this.objects.push(c === OPEN_OBJECT);
          this.at.push(c === OPEN_OBJECT ? '' : 0);
          this.expectKey = c === OPEN_OBJECT;
          this.inAtom = false;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (this.depth > 0) this.depth--;
          this.objects.pop();
          this.at.pop();
          this.expectKey = false;
          this.inAtom = false;
          break;
        case COMMA:
          this.expectKey = this.objects[this.objects.length - 1] === true;
          if (!this.expectKey && this.at.length) this.at[this.at.length - 1] = (this.at[this.at.length - 1] as number) + 1;
          this.inAtom = false;
          break;
        case COLON:
          this.expectKey = false;
          this.inAtom = false;
          break;
        case QUOTE:
          if (this.expectKey) this.key = [];
          else this.value();
          this.expectKey = false;
          this.inAtom = false;
          this.inString = true;
          break;
        default:
          if (isSpace(c)) this.inAtom = false;
          else if (!this.inAtom) {
            this.inAtom = true;
            this.value();
          }
      }
    }
  }

  private value(): void {
    if (this.depth > 0 && ++this.members > this.shape.members) {
      throw new JsonShapeError('members', `holds more than ${this.shape.members.toLocaleString('en-US')} keys and items`, '');
    }
  }

  private stringByte(c: number): void {
    if (this.escape === 0) {
      if (c === QUOTE) {
        this.inString = false;
        if (this.key) this.checkKey(this.key);
        this.key = null;
        return;
      }
      if (c === BACKSLASH) this.escape = 1;
    } else if (this.escape === 1) {
      this.escape = c === 0x75 ? 2 : 0; // \u
      this.codeUnit = 0;
    } else {
      this.codeUnit = this.codeUnit * 16 + hex(c);
      if (++this.escape === 6) {
        if (this.codeUnit === 0) throw new JsonShapeError('nul', NUL_MESSAGE, this.path());
        this.escape = 0;
      }
    }
    if (this.key && this.key.length <= KEY_SCAN_BYTES) this.key.push(c);
  }

  /** Where the scan is, as a field path. */
  private path(): string {
    return this.at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  }

  private checkKey(bytes: number[]): void {
    if (bytes.length > KEY_SCAN_BYTES) {
      this.at[this.at.length - 1] = '…';
      return;
    }
    let name = String.fromCharCode(...bytes);
    if (name.includes('\\')) {
      try {
        name = JSON.parse(`"${name}"`) as string;
      } catch {
        return; // not valid JSON: JSON.parse refuses the whole body afterwards
      }
    }
    this.at[this.at.length - 1] = name;
    if (this.depth === this.shape.recordKeysDepth) return;
    if (FORBIDDEN.has(name)) throw new JsonShapeError('key', FORBIDDEN_KEY_MESSAGE, this.path());
  }
}

/** The same checks on a JSON text already in memory (query-string values). */
export function checkJsonText(text: string, shape: JsonShape): void {
  new JsonGuard(shape).feed(Buffer.from(text, 'utf8'));
}
