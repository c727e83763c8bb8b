import { writeFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/core/src/config/config.js';
import { loadConfig } from '../../../libs/core/src/config/config.js';
import { dataSourceOptions } from '../../../libs/core/src/database/data-source.js';
import { resolveDatabase } from '../../../libs/core/src/database/resolve.js';
import { SCHEMA } from '../../../libs/schema/src/schema.js';
import { bundleFiles, importBundle, type ImportReport, type KindReport } from '../../../libs/intake/src/bundle-import.js';
import type { HookRunner } from '../../../libs/intake/src/merger.js';
import type { ReadingChange } from '../../../libs/core/src/intake-hooks.js';
import { TerminalProgress } from '../../../libs/intake/src/progress.js';

const USAGE = `usage: import <folder> [--max-errors N] [--report FILE]
  --max-errors N   refused records printed per file (default 1000; 0 prints all)
  --report FILE    also write the report (per file counts, timings, peak memory) as JSON`;

/**
 * The domains' IntakeHooks (eligibility checks, nomination rules) in a Nest context of the
 * domain modules, booted only when the bundle has such records: the import itself needs no
 * Nest, and loads none of it otherwise (start-up time and memory).
 */
async function bootHooks(config: AppConfig, databaseUrl: string): Promise<{ hooks: HookRunner; close: () => Promise<void> }> {
  const [{ Module }, { NestFactory }, core, { DOMAIN_MODULES }] = await Promise.all([
    import('@nestjs/common'),
    import('@nestjs/core'),
    import('../../../libs/core/src/index.js'),
    import('../../../libs/schema/src/domains.js'),
  ]);
  @Module({})
  class ImportHooksModule {}
  const app = await NestFactory.createApplicationContext(
    {
      module: ImportHooksModule,
      imports: [
        core.CoreModule.forRoot({ config, databaseUrl, schema: SCHEMA, http: false }),
        ...DOMAIN_MODULES.map((m) => m.forRoot({ http: false })),
      ],
    },
    { logger: ['error', 'warn'] },
  );
  return { hooks: app.get(core.IntakeHooks), close: () => app.close() };
}

const n = (x: number) => x.toLocaleString('en-US');

/** How long the import waits for the queue before saying the detection was not queued. */
const QUEUE_TIMEOUT_MS = 30_000;

/**
 * The integrity detection of each period whose reading the bundle changed (issue 18: "after
 * intake"), queued for the worker on a queue connection of its own (the import runs no Nest).
 */
async function queueDetectionsAfterImport(config: AppConfig, databaseUrl: string, changes: ReadingChange[]): Promise<string> {
  if (changes.length === 0) return '';
  const [{ Queue }, { queueConnection }, { JOBS }, { queueDetections }] = await Promise.all([
    import('bullmq'),
    import('../../../libs/core/src/queue/queue.module.js'),
    import('../../../libs/core/src/queue/registry.js'),
    import('../../../libs/integrity/src/index.js'),
  ]);
  const queue = new Queue(JOBS.integritySignals.queue, queueConnection(config, databaseUrl).options as never);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the queue did not answer in ${QUEUE_TIMEOUT_MS / 1000} s`)), QUEUE_TIMEOUT_MS);
    });
    await Promise.race([queueDetections(queue, changes), timeout]);
    return `integrity detection queued for ${changes.map((c) => c.period).join(', ')}`;
  } catch (e) {
    return `integrity detection NOT queued for ${changes.map((c) => c.period).join(', ')} (${(e as Error).message}): use "Detect now" in the console`;
  } finally {
    clearTimeout(timer);
    await queue.close().catch(() => undefined);
  }
}

function parseArgs(args: string[]): { folder: string; maxErrors: number; report?: string } {
  let folder: string | undefined;
  let maxErrors = 1000;
  let report: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '--max-errors' || a.startsWith('--max-errors=')) {
      const v = value();
      if (!v || !/^\d+$/.test(v)) throw new Error(`--max-errors needs a number\n${USAGE}`);
      maxErrors = Number(v) || Infinity;
    } else if (a === '--report' || a.startsWith('--report=')) {
      report = value();
      if (!report) throw new Error(`--report needs a file\n${USAGE}`);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (folder) throw new Error(`one folder only\n${USAGE}`);
    else folder = a;
  }
  if (!folder) throw new Error(USAGE);
  return { folder, maxErrors, report };
}

export function summaryLines(report: ImportReport): string[] {
  const head = ['file', 'records', 'inserted', 'updated', 'unchanged', 'rejected', 'seconds', 'rows/s'];
  const rows = report.kinds.map((k: KindReport) => [
    k.file,
    n(k.received),
    n(k.inserted),
    n(k.updated),
    n(k.unchanged),
    n(k.rejected),
    k.seconds.toFixed(1),
    n(Math.round(k.received / Math.max(k.seconds, 1e-3))),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const total = (f: 'received' | 'inserted' | 'updated' | 'unchanged' | 'rejected') => report.kinds.reduce((s, k) => s + k[f], 0);
  const lines = [fmt(head), ...rows.map(fmt)];
  if (report.ignored.length) lines.push(`ignored (not bundle files): ${report.ignored.join(', ')}`);
  const rejected = total('rejected');
  lines.push(
    report.changed
      ? `imported ${report.folder} in ${report.seconds.toFixed(1)} s: ${n(total('inserted'))} inserted, ${n(total('updated'))} updated, ${n(total('unchanged'))} unchanged, ${n(rejected)} rejected`
      : `nothing changed: all ${n(total('unchanged'))} valid records of ${report.folder} were already imported${rejected ? ` (${n(rejected)} rejected)` : ''}`,
  );
  return lines;
}

/** `import <folder>`: the bundle import, without Nest (the domains' hooks boot only if needed). */
export async function importCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args);
    const { files } = await bundleFiles(parsed.folder);
    if (!files.size)
      throw new Error(
        `no bundle files in ${parsed.folder} (expected files named like members.ndjson, sessions.ndjson: spec/import-format.md)`,
      );
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const { folder, maxErrors, report: reportFile } = parsed;
  const config = loadConfig();
  const database = await resolveDatabase(config);
  let dataSource: DataSource | null = null;
  let nest: { close: () => Promise<void> } | null = null;
  const progress = new TerminalProgress(process.stderr);
  const printed = new Map<string, number>();
  try {
    dataSource = await new DataSource(dataSourceOptions(database.url, SCHEMA, 2)).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const report = await importBundle(dataSource, folder, {
      hooks: async () => {
        const booted = await bootHooks(config, database.url);
        nest = booted;
        return booted.hooks;
      },
      onReject: (file, r) => {
        const count = (printed.get(file) ?? 0) + 1;
        printed.set(file, count);
        if (count <= maxErrors) progress.log(`${file}:${r.line}${r.id !== undefined ? ` (${JSON.stringify(r.id)})` : ''}: ${r.reason}`);
      },
      onKindStart: (file) => progress.start(file),
      onProgress: (file, records, phase) => progress.update(file, records, phase && (phase === 'indexes' ? 'building indexes' : 'merging')),
      onKindDone: (k) => {
        progress.finishAll(true);
        const shown = printed.get(k.file) ?? 0;
        if (shown > maxErrors) progress.log(`${k.file}: … and ${n(shown - maxErrors)} more rejected records (--max-errors 0 prints all)`);
        progress.log(
          `${k.file}: ${n(k.received)} records in ${k.seconds.toFixed(1)} s (${n(Math.round(k.received / Math.max(k.seconds, 1e-3)))} rows/s): ` +
            `${n(k.inserted)} inserted, ${n(k.updated)} updated, ${n(k.unchanged)} unchanged, ${n(k.rejected)} rejected`,
          process.stderr,
        );
      },
    });
    progress.finishAll(true);
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    for (const line of summaryLines(report)) console.log(line);
    const detection = await queueDetectionsAfterImport(config, database.url, report.readingChanges);
    if (detection) console.log(detection);
    console.log(`peak memory (RSS): ${Math.round(peakRssBytes / 2 ** 20)} MB`);
    if (reportFile) await writeFile(reportFile, JSON.stringify({ ...report, peakRssBytes }, null, 2));
    return 0;
  } finally {
    progress.finishAll(true);
    if (nest) await (nest as { close: () => Promise<void> }).close();
    await dataSource?.destroy();
    await database.stop();
  }
}
