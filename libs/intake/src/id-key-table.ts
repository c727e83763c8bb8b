/**
 * A map from external ids (strings) to integer keys, kept outside the JS heap and
 * shareable with worker threads: open addressing over one Int32Array (hash, key, offset,
 * length per slot) and the ids' UTF-8 bytes in one Uint8Array, both on SharedArrayBuffers.
 * For a million members it takes about 40 MB that the garbage collector never walks, and a
 * lookup touches two cache lines instead of the four or five of a `Map` of that size
 * (which dominated the import's CPU profile). Ids can be added from strings or straight
 * from UTF-8 bytes (the COPY output the import loads it from), without making strings.
 */

/** A table's state, on shared memory: another thread can read it (`IdKeyTable.fromShared`). */
export interface SharedIdKeyTable {
  slots: SharedArrayBuffer;
  bytes: SharedArrayBuffer;
  used: number;
  count: number;
  mask: number;
}

const sharedInt32 = (n: number) => new Int32Array(new SharedArrayBuffer(n * 4));
const sharedUint8 = (n: number) => new Uint8Array(new SharedArrayBuffer(n));

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const finish = (h: number) => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
};

function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], FNV_PRIME);
  return finish(h);
}

const scratch = Buffer.allocUnsafe(1024);

export class IdKeyTable {
  private slots: Int32Array;
  private bytes: Uint8Array;
  private used = 0;
  private count = 0;
  private mask: number;

  constructor(expected = 1024, averageBytes = 8) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = sharedInt32(capacity * 4);
    this.bytes = sharedUint8(Math.max(4096, Math.ceil(expected * averageBytes * 1.1)));
  }

  get size(): number {
    return this.count;
  }

  /** The state to hand to a worker thread (no copy: the memory is shared). Do not add ids afterwards. */
  share(): SharedIdKeyTable {
    return {
      slots: this.slots.buffer as SharedArrayBuffer,
      bytes: this.bytes.buffer as SharedArrayBuffer,
      used: this.used,
      count: this.count,
      mask: this.mask,
    };
  }

  static fromShared(s: SharedIdKeyTable): IdKeyTable {
    const t = Object.create(IdKeyTable.prototype) as IdKeyTable;
    t.slots = new Int32Array(s.slots);
    t.bytes = new Uint8Array(s.bytes);
    t.used = s.used;
    t.count = s.count;
    t.mask = s.mask;
    return t;
  }

  get(id: string): number | undefined {
    // ASCII ids (the usual case): char codes are the UTF-8 bytes, no encoding needed
    let h = FNV_OFFSET;
    const n = id.length;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (c > 127) return this.getBytes(Buffer.from(id, 'utf8'));
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    h = finish(h);
    const { slots, bytes } = this;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const b = i << 2;
      const len = slots[b + 3];
      if (len === 0) return undefined;
      if (slots[b] === h && len - 1 === n) {
        const off = slots[b + 2];
        let j = 0;
        while (j < n && bytes[off + j] === id.charCodeAt(j)) j++;
        if (j === n) return slots[b + 1];
      }
    }
  }

  private getBytes(id: Uint8Array): number | undefined {
    const slot = this.find(id, 0, id.length, hashBytes(id, 0, id.length));
    return slot < 0 ? undefined : this.slots[(slot << 2) + 1];
  }

  /** The slot holding these bytes, or -(free slot + 1). */
  private find(src: Uint8Array, start: number, end: number, h: number): number {
    const { slots, bytes } = this;
    const n = end - start;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const b = i << 2;
      const len = slots[b + 3];
      if (len === 0) return -(i + 1);
      if (slots[b] === h && len - 1 === n) {
        const off = slots[b + 2];
        let j = 0;
        while (j < n && bytes[off + j] === src[start + j]) j++;
        if (j === n) return i;
      }
    }
  }

  set(id: string, key: number): void {
    const n = Buffer.byteLength(id, 'utf8');
    const src = n <= scratch.length ? scratch : Buffer.allocUnsafe(n);
    src.write(id, 0, 'utf8');
    this.setBytes(src, 0, n, key);
  }

  /** Sets (or replaces) the key of the id whose UTF-8 bytes are `src[start, end)`. */
  setBytes(src: Uint8Array, start: number, end: number, key: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const h = hashBytes(src, start, end);
    const found = this.find(src, start, end, h);
    if (found >= 0) {
      this.slots[(found << 2) + 1] = key;
      return;
    }
    const n = end - start;
    if (this.used + n > this.bytes.length) {
      const bigger = sharedUint8(Math.max(this.bytes.length * 2, this.used + n));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.bytes.set(src.subarray(start, end), this.used);
    const b = (-found - 1) << 2;
    this.slots[b] = h;
    this.slots[b + 1] = key;
    this.slots[b + 2] = this.used;
    this.slots[b + 3] = n + 1;
    this.used += n;
    this.count++;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.slots = sharedInt32(capacity * 4);
    for (let b = 0; b < old.length; b += 4) {
      if (old[b + 3] === 0) continue;
      let i = old[b] & this.mask;
      while (this.slots[(i << 2) + 3] !== 0) i = (i + 1) & this.mask;
      this.slots.set(old.subarray(b, b + 4), i << 2);
    }
  }
}
