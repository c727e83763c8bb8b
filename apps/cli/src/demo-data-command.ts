import { resolve } from 'node:path';
import { DEMO_MONTHS, DEMO_SIZES, generateBundle, type DemoSize } from '../../../libs/intake/src/demo-data/generator.js';
import { TerminalProgress } from '../../../libs/intake/src/progress.js';
import { isPeriod, periodBefore } from '../../../libs/core/src/period/period.js';

const USAGE = 'usage: demo-data --size tiny|small|medium|large [--seed N] [--out DIR] [--period YYYY-MM] [--months N]';

/** The latest full UTC month before `now`, as `YYYY-MM`. */
/** The closed UTC month before `now`: the default period of the demo data. */
export const previousUtcMonth = (now = new Date()): string => periodBefore(now);

export interface DemoDataArgs {
  size: DemoSize;
  seed: number;
  outDir: string;
  period: string;
  /** Only when given (default: the generator's two months). */
  months?: number;
}

export function parseDemoDataArgs(args: string[], now = new Date()): DemoDataArgs {
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--(size|seed|out|period|months)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument "${a}"\n${USAGE}`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    opts.set(m[1], value);
  }
  const size = opts.get('size') ?? 'small';
  if (!(size in DEMO_SIZES)) throw new Error(`--size must be one of ${Object.keys(DEMO_SIZES).join(', ')} (got "${size}")\n${USAGE}`);
  const seedText = opts.get('seed') ?? '1';
  if (!/^\d{1,15}$/.test(seedText)) throw new Error(`--seed must be a non-negative integer (got "${seedText}")`);
  const period = opts.get('period') ?? previousUtcMonth(now);
  if (!isPeriod(period)) throw new Error(`--period must be YYYY-MM (got "${period}")`);
  const monthsText = opts.get('months');
  if (
    monthsText !== undefined &&
    (!/^\d{1,2}$/.test(monthsText) || Number(monthsText) < DEMO_MONTHS.min || Number(monthsText) > DEMO_MONTHS.max)
  ) {
    throw new Error(`--months must be an integer from ${DEMO_MONTHS.min} to ${DEMO_MONTHS.max} (got "${monthsText}")`);
  }
  return {
    size: size as DemoSize,
    seed: Number(seedText),
    outDir: resolve(opts.get('out') ?? `demo-data/${size}`),
    period,
    ...(monthsText !== undefined ? { months: Number(monthsText) } : {}),
  };
}

/** `demo-data`: writes a demo bundle (a folder of NDJSON files) for `import`. */
export async function demoDataCommand(args: string[]): Promise<number> {
  let opts: DemoDataArgs;
  try {
    opts = parseDemoDataArgs(args);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  console.log(
    `generating the ${opts.size} demo bundle (seed ${opts.seed}, ${opts.months ?? DEMO_MONTHS.default} months to ${opts.period}) into ${opts.outDir}`,
  );
  const progress = new TerminalProgress(process.stderr, { sequential: true });
  const counts = await generateBundle({ ...opts, onProgress: (kind, rows) => progress.update(`${kind}.ndjson`, rows) });
  progress.finishAll();
  for (const [kind, n] of Object.entries(counts)) console.log(`  ${kind.padEnd(15)} ${n.toLocaleString('en-US').padStart(12)}`);
  console.log(`done: npm run import -- ${opts.outDir}`);
  return 0;
}
