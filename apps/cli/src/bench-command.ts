import { benchPayout } from '../../../bench/payout.bench.js';
import { benchImport } from '../../../bench/import.bench.js';
import { benchApi } from '../../../bench/api.bench.js';
import { benchApproval } from '../../../bench/approval.bench.js';
import { benchIntegrity } from '../../../bench/integrity.bench.js';
import { benchEstimates } from '../../../bench/estimates.bench.js';

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  payout: benchPayout,
  import: benchImport,
  api: benchApi,
  approval: benchApproval,
  integrity: benchIntegrity,
  estimates: benchEstimates,
};

/** `npm run bench -- <name> [options]`; with no name, every benchmark. */
export async function benchCommand(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const chosen = name && !name.startsWith('--') ? [name] : Object.keys(BENCHES);
  for (const b of chosen) {
    const bench = BENCHES[b];
    if (!bench) {
      console.error(`unknown benchmark "${b}"; known: ${Object.keys(BENCHES).join(', ')}`);
      return 2;
    }
    await bench(name === b ? rest : args);
  }
  return 0;
}
