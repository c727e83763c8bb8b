import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdKeyTable } from './id-key-table.js';
import { readNdjson, type BadLine } from './ndjson.js';

async function linesOf(content: Buffer | string, chunk = 7): Promise<(string | BadLine)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ndjson-'));
  try {
    await writeFile(join(dir, 'f.ndjson'), content);
    const out: (string | BadLine)[] = [];
    for await (const b of readNdjson(join(dir, 'f.ndjson'), chunk)) {
      expect(b.first).toBe(out.length + 1);
      out.push(...b.lines);
    }
    return out;
  } finally {
    await rm(dir, { recursive: true });
  }
}

describe('readNdjson', () => {
  it('numbers every line (blank ones too), handles CRLF, a BOM, and a last line without newline', async () => {
    expect(await linesOf('\ufeff{"a":1}\r\n\n{"b":"é"}\n  \n{"c":3}')).toEqual(['{"a":1}', '', '{"b":"é"}', '  ', '{"c":3}']);
  });

  it('marks a line that is not UTF-8 and keeps the others', async () => {
    const bad = Buffer.concat([Buffer.from('{"a":1}\n{"b":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"c":"ü"}\n')]);
    expect(await linesOf(bad, 5)).toEqual(['{"a":1}', { bad: 'the line is not valid UTF-8' }, '{"c":"ü"}']);
  });

  it('splits any text into the same lines whatever the chunk size (multi-byte characters across chunks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n\ufeff]/g, '')),
          { maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 9 }),
        async (lines, chunk) => {
          const text = lines.map((l) => `${l}\n`).join('');
          expect(await linesOf(text, chunk)).toEqual(lines);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('IdKeyTable', () => {
  const id = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.constantFrom('a\\b', 'tab\there', 'é', 'e'),
  );
  it('behaves like a Map from id to key (added as strings or as UTF-8 bytes; read by a thread that shares it)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.boolean()), { maxLength: 300 }),
        fc.array(id, { maxLength: 50 }),
        (pairs, probes) => {
          const table = new IdKeyTable(4, 2);
          const map = new Map<string, number>();
          for (const [k, key, asBytes] of pairs) {
            if (asBytes) {
              const b = Buffer.from(`xx${k}yy`, 'utf8');
              table.setBytes(b, 2, b.length - 2, key);
            } else table.set(k, key);
            map.set(k, key);
          }
          expect(table.size).toBe(map.size);
          const shared = IdKeyTable.fromShared(table.share());
          for (const k of [...map.keys(), ...probes]) {
            expect(table.get(k)).toBe(map.get(k));
            expect(shared.get(k)).toBe(map.get(k));
          }
        },
      ),
    );
  });
});
