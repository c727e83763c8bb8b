import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeHooks } from '../../libs/core/src/index.js';
import { generateBundle } from '../../libs/intake/src/demo-data/generator.js';
import { fileOf, KIND_SPECS, MERGE_ORDER, REF_TABLES, type IntakeKind } from '../../libs/intake/src/kinds.js';
import { MAX_BATCH } from '../../libs/intake/src/intake.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { removeDir, runImport, type ImportRun } from './fixtures.js';

/** Domain columns the hooks set at intake (their clocks excluded). */
const DOMAIN_COLUMNS: Partial<Record<IntakeKind, string[]>> = {
  applications: ['status', 'failing_checks'],
  nominations: ['status', 'refusal_reason'],
  tickets: ['status'],
};

/** A table's rows with every reference shown as the referenced id (keys differ between databases). */
function dumpSql(kind: IntakeKind): string {
  const spec = KIND_SPECS[kind];
  const cols = spec.fields.map((f) =>
    f.type.t === 'ref' ? `(SELECT r.id FROM ${REF_TABLES[f.type.entity]} r WHERE r.key = t.${f.column}) AS ${f.column}` : `t.${f.column}`,
  );
  const idc = spec.fields.find((f) => f.name === spec.identity)!.column;
  const order = idc === 'member_key' ? cols[0].replace(/ AS .*/, '') : `t.${idc}`;
  return `SELECT ${[...cols, ...(DOMAIN_COLUMNS[kind] ?? []).map((c) => `t.${c}`)].join(', ')} FROM ${spec.table} t ORDER BY ${order}`;
}

/** Records the API can carry (any JSON value); malformed lines cannot travel in a JSON array. */
const INVALID: Partial<Record<IntakeKind, unknown[]>> = {
  sessions: [
    { id: 'bad1', storyId: 's0', readerId: null, startedAt: '2026-10-04T25:00:00Z', activeSeconds: 1, mode: 'read' },
    { id: 'bad2', storyId: 'nope', readerId: null, startedAt: '2026-10-04T10:00:00Z', activeSeconds: 1, mode: 'read' },
    { id: 'bad3', storyId: 's0', readerId: 'm0', startedAt: '2026-10-04T10:00:00+02:00', activeSeconds: 1.5, mode: 'read' },
    42,
  ],
  referrals: [{ id: 'late', referrerId: 'm0', referredMemberId: 'm1', referredAt: '2023-09-01T00:00:00Z', pageSlug: 'x' }],
  stories: [{ id: 'sbad', authorId: 'm0', publicationId: null, title: 'x', publishedAt: null, membersOnly: 1, status: 'draft' }],
  tickets: [
    {
      id: 'tbad',
      memberId: 'm0',
      category: 'other',
      subject: 's',
      body: 'b',
      storyId: null,
      period: '2026-1',
      createdAt: '2026-10-01T00:00:00Z',
    },
  ],
};

/** The import side runs its big-file path (worker threads) on every file, the API its in-request path. */
describe('one implementation, two doors', () => {
  let viaImport: TestApp;
  let viaApi: TestApp;
  let folder: string;
  let imported: ImportRun;
  const apiRejections: { kind: IntakeKind; index: number; reason: string }[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ppc-doors-'));
    await generateBundle({ size: 'tiny', seed: 11, outDir: folder, period: '2026-10' });
    for (const [kind, records] of Object.entries(INVALID)) {
      await appendFile(join(folder, fileOf(kind as IntakeKind)), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    }
    [viaImport, viaApi] = await Promise.all([startTestApp(), startTestApp()]);

    imported = await runImport(viaImport.db.url, folder, { hooks: viaImport.app.get(IntakeHooks), workers: 2, workerMinBytes: 0 });

    for (const kind of MERGE_ORDER) {
      const lines = (await readFile(join(folder, fileOf(kind)), 'utf8')).split('\n').filter((l) => l.trim());
      const records = lines.map((l) => JSON.parse(l) as unknown);
      for (let start = 0; start < records.length; start += MAX_BATCH) {
        const res = await viaApi.http
          .post(`/api/intake/${kind}`)
          .set('X-Api-Key', viaApi.config.intakeApiKey)
          .send(records.slice(start, start + MAX_BATCH));
        expect({ kind, status: res.status }).toEqual({ kind, status: 200 });
        for (const r of res.body.rejections) apiRejections.push({ kind, index: start + r.index, reason: r.reason });
      }
    }
  });
  afterAll(async () => {
    await Promise.all([viaImport?.close(), viaApi?.close()]);
    await removeDir(folder);
  });

  it('the import and the API give identical database contents for the same records', async () => {
    for (const kind of MERGE_ORDER) {
      const sql = dumpSql(kind);
      const [a, b] = await Promise.all([viaImport.db.pool.query(sql), viaApi.db.pool.query(sql)]);
      expect(a.rows.length).toBeGreaterThan(0);
      expect({ kind, rows: b.rows }).toEqual({ kind, rows: a.rows });
    }
    // the domains' hooks ran behind both doors (applications evaluated, nominations judged)
    const evaluated = await viaImport.db.pool.query(
      `SELECT count(*) FILTER (WHERE failing_checks IS NULL)::int AS never FROM applications`,
    );
    expect(evaluated.rows).toEqual([{ never: 0 }]);
    const judged = await viaImport.db.pool.query(`SELECT count(*) FILTER (WHERE evaluated_at IS NULL)::int AS never FROM nominations`);
    expect(judged.rows).toEqual([{ never: 0 }]);
  });

  it('both doors refuse the same records for the same reasons', () => {
    const fromImport = imported.rejections.map((r) => ({ kind: r.file.replace('.ndjson', ''), index: r.line - 1, reason: r.reason }));
    expect(fromImport.length).toBe(Object.values(INVALID).flat().length);
    expect(apiRejections).toEqual(fromImport);
  });
});
