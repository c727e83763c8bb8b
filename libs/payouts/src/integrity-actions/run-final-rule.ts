import { ApiError } from '../../../core/src/http/errors.js';
import { isFinalRun } from '../payout-rules.js';

/** The rule: an integrity decision changes no money of a period whose run is approved or paid. */
export const RUN_FINAL_RULE = 'integrity_run_final';

/** The 422 (a broken rule, spec/api.md) for the first of `runs` that is final (null: none is). */
export function runFinalRefusal(runs: { period: string; status: string }[], what: string): ApiError | null {
  const final = runs.find((r) => isFinalRun(r.status));
  if (!final) return null;
  return new ApiError(422, 'rule_violation', `the ${final.period} run is ${final.status} and read-only: ${what} can no longer change it`, {
    rule: RUN_FINAL_RULE,
    period: final.period,
  });
}
