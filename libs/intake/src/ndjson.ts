/*
 * Streams an NDJSON file in line-aligned chunks, never the whole file: reads 1 MB at a
 * time and cuts at the last newline. Decoding (UTF-8 checked per chunk, per line only
 * when a chunk is bad) is separate, so that worker threads can decode the raw chunks.
 * Line numbers are 1-based and count every line, blank ones included.
 */
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** A line that cannot be a record, with the reason. */
export interface BadLine {
  bad: string;
}

/** Complete lines (`data` has no final newline) or one line that cannot be read. */
export type RawChunk =
  { first: number; lines: number; data: Buffer; bytesRead: number } | { first: number; lines: 1; bad: string; bytesRead: number };

export interface LineBatch {
  /** Line number of `lines[0]`. */
  first: number;
  lines: (string | BadLine)[];
  /** Bytes read so far (for progress). */
  bytesRead: number;
}

export const MAX_LINE_BYTES = 1 << 20;
const NL = 10;
const NOT_UTF8: BadLine = { bad: 'the line is not valid UTF-8' };
const TOO_LONG = `the line is longer than ${MAX_LINE_BYTES >> 10} KB`;

const stripCr = (s: string) => (s.length && s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s);

/** The lines of `buf` (which holds whole lines, without the last newline). */
export function decodeLines(buf: Uint8Array, lines: (string | BadLine)[] = []): (string | BadLine)[] {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (isUtf8(b)) {
    const text = b.toString('utf8');
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) {
        lines.push(stripCr(text.slice(start)));
        return lines;
      }
      lines.push(stripCr(text.slice(start, nl)));
      start = nl + 1;
    }
  }
  let start = 0;
  for (;;) {
    const nl = b.indexOf(NL, start);
    const line = b.subarray(start, nl === -1 ? b.length : nl);
    lines.push(isUtf8(line) ? stripCr(line.toString('utf8')) : NOT_UTF8);
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

function countLines(buf: Buffer): number {
  let n = 1;
  for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

export async function* readChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<RawChunk> {
  let carry: Buffer | null = null;
  let skipping = false; // inside a line longer than MAX_LINE_BYTES
  let next = 1;
  let bytesRead = 0;
  let atStart = true;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    if (atStart) {
      atStart = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    if (skipping) {
      const nl = buf.indexOf(NL);
      if (nl === -1) continue;
      skipping = false;
      yield { first: next++, lines: 1, bad: TOO_LONG, bytesRead };
      buf = buf.subarray(nl + 1);
    }
    const last = buf.lastIndexOf(NL);
    if (last !== -1) {
      const data = buf.subarray(0, last);
      const lines = countLines(data);
      yield { first: next, lines, data, bytesRead };
      next += lines;
    }
    const tail = buf.subarray(last + 1);
    if (tail.length > MAX_LINE_BYTES) skipping = true;
    else if (tail.length) carry = Buffer.from(tail);
  }
  if (skipping) yield { first: next, lines: 1, bad: TOO_LONG, bytesRead };
  else if (carry) yield { first: next, lines: countLines(carry), data: carry, bytesRead };
}

export async function* readNdjson(path: string, chunkBytes = 1 << 20): AsyncGenerator<LineBatch> {
  for await (const c of readChunks(path, chunkBytes)) {
    yield { first: c.first, lines: 'bad' in c ? [{ bad: c.bad }] : decodeLines(c.data), bytesRead: c.bytesRead };
  }
}
