import { badInput } from '../../../core/src/http/errors.js';
import { PARAMETER_BOUNDS, type EarningsParameters } from '../earnings-parameters.js';

const RUN_BOUNDS: Record<string, readonly [number, number]> = { ...PARAMETER_BOUNDS.payout, ...PARAMETER_BOUNDS.execution };

export type ParameterChanges = Record<string, { from: number; to: number }>;

/**
 * The run's parameters with the fields a simulation changes (fields the engine does not
 * read are left out: see NOT_SIMULATED_FIELDS), checked as the parameter store checks a
 * set: each a bounded integer, the read-ratio bounds ordered. A 400 names the field
 * (`parameters.<field>`).
 */
export function simulatedParameters(
  base: EarningsParameters,
  given: Record<string, unknown>,
): { params: EarningsParameters; changes: ParameterChanges } {
  const params: Record<string, number> = { ...(base as unknown as Record<string, number>) };
  const problems: { field: string; message: string }[] = [];
  for (const [field, value] of Object.entries(given)) {
    const bounds = RUN_BOUNDS[field];
    if (!bounds || value === undefined) continue;
    const [min, max] = bounds;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
      problems.push({ field: `parameters.${field}`, message: `must be an integer from ${min} to ${max}` });
    else params[field] = value;
  }
  if (!problems.length && params.readRatioMinBps! > params.readRatioMaxBps!)
    problems.push({ field: 'parameters.readRatioMinBps', message: 'must not exceed readRatioMaxBps' });
  if (problems.length) throw badInput(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
  const changes: ParameterChanges = {};
  for (const field of Object.keys(RUN_BOUNDS)) {
    const from = (base as unknown as Record<string, number>)[field]!;
    if (params[field] !== from) changes[field] = { from, to: params[field]! };
  }
  return { params: params as unknown as EarningsParameters, changes };
}
