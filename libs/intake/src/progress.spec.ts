import { describe, expect, it } from '@jest/globals';
import { TerminalProgress } from './progress.js';

function sink(isTTY: boolean) {
  const out = { isTTY, columns: 100, text: '', write: (s: string) => (out.text += s) };
  return out;
}

describe('TerminalProgress', () => {
  it('on a terminal: one status line redrawn in place, with rows and rows/s', () => {
    let now = 0;
    const out = sink(true);
    const p = new TerminalProgress(out, { now: () => now, ttyEveryMs: 0 });
    p.start('sessions.ndjson');
    now = 2000;
    p.update('sessions.ndjson', 1_000_000);
    expect(out.text).toBe('\r\x1b[Ksessions.ndjson: 1,000,000 rows, 500,000 rows/s');
    now = 3000;
    p.update('sessions.ndjson', 1_000_000, 'building indexes');
    expect(out.text.endsWith('\r\x1b[Ksessions.ndjson: 1,000,000 rows, 333,333 rows/s, building indexes (3 s)')).toBe(true);
    p.log('a line in between', out); // cleared, written, status redrawn below it
    expect(
      out.text.endsWith('\r\x1b[Ka line in between\n\r\x1b[Ksessions.ndjson: 1,000,000 rows, 333,333 rows/s, building indexes (3 s)'),
    ).toBe(true);
    p.finishAll(true);
    expect(out.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('elsewhere: plain lines, at most one per label every few seconds', () => {
    let now = 0;
    const out = sink(false);
    const p = new TerminalProgress(out, { now: () => now, plainEveryMs: 5000 });
    p.start('members.ndjson');
    for (let t = 1000; t <= 11000; t += 1000) {
      now = t;
      p.update('members.ndjson', t * 10);
    }
    expect(out.text).toBe('members.ndjson: 50,000 rows, 10,000 rows/s\nmembers.ndjson: 100,000 rows, 10,000 rows/s\n');
  });
});
