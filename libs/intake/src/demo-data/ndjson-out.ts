import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const CHUNK_CHARS = 1 << 18;

/** One NDJSON file, written in chunks with backpressure. */
export class NdjsonOut {
  rows = 0;
  private buf = '';
  private error: Error | null = null;
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (e) => {
      this.error = e;
    });
  }

  /** Appends one record; true when the caller should `await flush()`. */
  add(line: string): boolean {
    this.buf += line + '\n';
    this.rows++;
    return this.buf.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.buf.length === 0) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }

  destroy(): void {
    this.stream.destroy();
  }
}

export const str = (s: string): string => JSON.stringify(s);
export const strOrNull = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));
