/*
 * `npm run bench -- import [--size large] [--folder DIR] [--keep]`
 *
 * Times the bundle import of a demo bundle (generated once, then reused) into a scratch
 * database, and in the same run the raw COPY of the same sessions into a bare table of the
 * same columns (no validation, references, indexes or upsert):
 *   - "raw COPY of the file": the NDJSON file streamed through JSON.parse into COPY, the
 *     least any import of this file must do;
 *   - "raw COPY of pre-converted rows": the same rows already in COPY text format (the
 *     conversion is done first and not timed): PostgreSQL's own ingest ceiling.
 * Prints both, the ratios, and the import's peak memory (RSS of the import process).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig, resolveDatabase, runMigrations } from '../libs/core/src/index.js';
import { SCHEMA } from '../libs/schema/src/schema.js';
import { BUNDLE_KINDS, DEMO_SIZES, generateBundle, type DemoSize } from '../libs/intake/src/demo-data/generator.js';
import type { ImportReport } from '../libs/intake/src/bundle-import.js';
import { TerminalProgress } from '../libs/intake/src/progress.js';
import { periodBefore } from '../libs/core/src/period/period.js';
import { denseBundle } from './support.js';
import { loadavg } from 'node:os';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const cli = join(root, 'dist/apps/cli/src/main.js');
const BARE = 'bench_raw_sessions';
const BARE_COLUMNS = 'id text, story_id text, reader_id text, started_at timestamptz, active_seconds integer, mode text';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

function parseArgs(args: string[]) {
  let size: DemoSize = 'large';
  let folder: string | undefined;
  let keep = false;
  let dense: number | null = null;
  let period = periodBefore();
  let again = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--size') size = args[++i] as DemoSize;
    else if (a === '--folder') folder = args[++i];
    else if (a === '--keep') keep = true;
    else if (a === '--shape' && args[i + 1] === 'dense') {
      dense ??= 10_000_000;
      i++;
    } else if (a === '--sessions') dense = Number(args[++i]);
    else if (a === '--period') period = args[++i];
    else if (a === '--again') again = true;
    else
      throw new Error(
        `unknown argument ${a}: bench import [--size tiny|small|medium|large | --shape dense --sessions N] [--folder DIR] [--again] [--keep]`,
      );
  }
  if (!(size in DEMO_SIZES)) throw new Error(`--size must be one of ${Object.keys(DEMO_SIZES).join(', ')}`);
  return { size, folder: folder ? resolve(folder) : undefined, keep, dense, period, again };
}

async function ensureBundle(folder: string, size: DemoSize): Promise<void> {
  const complete = BUNDLE_KINDS.every((k) => existsSync(join(folder, `${k}.ndjson`)));
  if (complete) {
    console.log(`bundle: reusing ${folder}`);
    return;
  }
  console.log(`bundle: generating the ${size} demo bundle into ${folder}`);
  const progress = new TerminalProgress(process.stderr, { sequential: true });
  await generateBundle({
    size,
    seed: 1,
    outDir: folder,
    period: periodBefore(),
    onProgress: (kind, rows) => progress.update(`${kind}.ndjson`, rows),
  });
  progress.finishAll(true);
}

/** Runs the import command in its own process (its peak memory is its own), returning its JSON report. */
async function runImportProcess(url: string, folder: string, reportFile: string): Promise<ImportReport & { peakRssBytes: number }> {
  const code = await new Promise<number>((ok, fail) => {
    const child = spawn(process.execPath, [cli, 'import', folder, '--max-errors', '20', '--report', reportFile], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DATABASE_URL: url },
    });
    child.once('error', fail);
    child.once('exit', (c) => ok(c ?? 1));
  });
  if (code !== 0) throw new Error(`the import exited with ${code}`);
  return JSON.parse(await readFile(reportFile, 'utf8'));
}

const tsvRow = (line: string): string => {
  const r = JSON.parse(line);
  return `${r.id}\t${r.storyId}\t${r.readerId ?? '\\N'}\t${r.startedAt}\t${r.activeSeconds}\t${r.mode}\n`;
};

/** NDJSON → COPY text rows, no validation (the sessions of a demo bundle need no escaping). */
function ndjsonToTsv(): Transform {
  let carry = '';
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const text = carry + chunk.toString('utf8');
      const last = text.lastIndexOf('\n');
      carry = text.slice(last + 1);
      let out = '';
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1 && nl <= last; nl = text.indexOf('\n', start)) {
        if (nl > start) out += tsvRow(text.slice(start, nl));
        start = nl + 1;
      }
      done(null, out);
    },
    flush(done) {
      done(null, carry.trim() ? tsvRow(carry) : '');
    },
  });
}

async function timedCopy(
  url: string,
  source: () => NodeJS.ReadableStream,
  through?: () => Transform,
): Promise<{ seconds: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${BARE}`);
    await client.query(`CREATE TABLE ${BARE} (${BARE_COLUMNS})`);
    await client.query('CHECKPOINT').catch(() => undefined);
    const t0 = performance.now();
    const copy = client.query(copyFrom(`COPY ${BARE} FROM STDIN`));
    await (through ? pipeline(source(), through(), copy) : pipeline(source(), copy));
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rows: copy.rowCount };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${BARE}`).catch(() => undefined);
    await client.end();
  }
}

export async function benchImport(args: string[]): Promise<void> {
  const args0 = parseArgs(args);
  // --shape dense: the dense month's bundle (bench/dense-month.ts), generated once
  const folder =
    args0.folder ?? (args0.dense ? resolve(await denseBundle(args0.dense, args0.period)) : join(root, 'demo-data', args0.size));
  const opts = { ...args0, folder };
  if (!args0.dense) await ensureBundle(opts.folder, opts.size);
  const sessionsFile = join(opts.folder, 'sessions.ndjson');
  const outDir = join(root, 'bench/out');
  await mkdir(outDir, { recursive: true });

  const config = loadConfig();
  const server = await resolveDatabase(config);
  const name = `ppc_bench_import_${process.pid}`;
  const adminUrl = Object.assign(new URL(server.url), { pathname: '/postgres' }).toString();
  const url = Object.assign(new URL(server.url), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const [{ version }] = (await admin.query(`SELECT current_setting('server_version') AS version`)).rows;
    console.log(`database: PostgreSQL ${version} (${server.embedded ? 'embedded' : 'DATABASE_URL'}), scratch database ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await runMigrations(url, SCHEMA);

    console.log('\n== import');
    const reportFile = join(outDir, `import-report-${process.pid}.json`);
    await admin.query('CHECKPOINT').catch(() => undefined);
    const report = await runImportProcess(url, opts.folder, reportFile);
    const sessions = report.kinds.find((k) => k.kind === 'sessions');
    if (!sessions) throw new Error('the bundle has no sessions');

    console.log('\n== raw COPY of the same sessions into a bare table (no validation, references, indexes or upsert)');
    const streamed = await timedCopy(url, () => createReadStream(sessionsFile, { highWaterMark: 1 << 20 }), ndjsonToTsv);
    console.log(`from the NDJSON file (JSON.parse → COPY): ${n(streamed.rows)} rows in ${streamed.seconds.toFixed(1)} s`);
    const tsv = join(outDir, `sessions-${process.pid}.tsv`);
    await pipeline(createReadStream(sessionsFile, { highWaterMark: 1 << 20 }), ndjsonToTsv(), createWriteStream(tsv));
    const converted = await timedCopy(url, () => createReadStream(tsv, { highWaterMark: 1 << 20 }));
    console.log(
      `from pre-converted rows (${mb((await stat(tsv)).size)} of COPY text, conversion not timed): ${n(converted.rows)} rows in ${converted.seconds.toFixed(1)} s`,
    );
    await rm(tsv, { force: true });

    const importRate = sessions.received / sessions.seconds;
    const streamedRate = streamed.rows / streamed.seconds;
    const convertedRate = converted.rows / converted.seconds;
    const lines = [
      `bundle: ${opts.folder} (${n(sessions.received)} sessions, ${mb(sessions.bytes)})`,
      `import, whole bundle: ${report.seconds.toFixed(1)} s`,
      `import, sessions: ${sessions.seconds.toFixed(1)} s = ${n(importRate)} rows/s (${sessions.path} load: ${sessions.streamSeconds.toFixed(1)} s reading, validating, copying; ${(sessions.seconds - sessions.streamSeconds).toFixed(1)} s building indexes)`,
      `raw COPY from the NDJSON file: ${streamed.seconds.toFixed(1)} s = ${n(streamedRate)} rows/s → import/raw = ${(importRate / streamedRate).toFixed(2)}`,
      `raw COPY of pre-converted rows: ${converted.seconds.toFixed(1)} s = ${n(convertedRate)} rows/s → import/raw = ${(importRate / convertedRate).toFixed(2)}`,
      `import peak memory (RSS): ${mb(report.peakRssBytes)}`,
    ];
    if (opts.again) {
      // The idempotent merge: the same bundle into the now full tables (every record unchanged).
      const again = await runImportProcess(url, opts.folder, reportFile);
      const s2 = again.kinds.find((k) => k.kind === 'sessions')!;
      const rate = s2.received / s2.seconds;
      lines.push(
        `import again (${s2.path} merge, ${n(s2.unchanged)} sessions unchanged): whole bundle ${again.seconds.toFixed(1)} s, sessions ${s2.seconds.toFixed(1)} s ` +
          `= ${n(rate)} rows/s → import/raw = ${(rate / convertedRate).toFixed(2)}; peak RSS ${mb(again.peakRssBytes)}`,
      );
    }
    lines.push(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`\n== result\n${lines.join('\n')}`);
    await rm(reportFile, { force: true });
  } finally {
    if (!opts.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    else console.log(`kept the scratch database: ${url}`);
    await admin.end();
    await server.stop();
  }
}
