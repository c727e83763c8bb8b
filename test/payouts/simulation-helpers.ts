import { expect } from '@jest/globals';
import type { Pool } from 'pg';
import type { TestApp } from '../support/app.js';

/** The money tables a simulation must never touch, each as one digest of its rows (audit: all but simulation entries). */
const UNTOUCHED = {
  payoutRuns: `SELECT t::text AS r FROM payout_runs t`,
  storyEarnings: `SELECT t::text AS r FROM story_earnings t`,
  statements: `SELECT t::text AS r FROM statements t`,
  ledgerEntries: `SELECT t::text AS r FROM ledger_entries t`,
  ledgerPayoutEvents: `SELECT t::text AS r FROM ledger_payout_events t`,
  audit: `SELECT t::text AS r FROM audit_log t WHERE entity_type <> 'simulation'`,
};

/** Digest and row count of each money table. */
export async function moneySnapshot(pool: Pool): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const [name, sql] of Object.entries(UNTOUCHED)) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS md5 FROM (${sql}) x`,
    );
    out[name] = rows[0];
  }
  return out;
}

export interface SimulationRecord {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  [k: string]: unknown;
}

/** Waits for the simulation to leave queued/running (polling its record). */
export async function waitForSimulation(t: TestApp, token: string, id: string, timeoutMs = 120_000): Promise<SimulationRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await t.http.get(`/api/simulations/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
    if (!['queued', 'running'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`simulation ${id} still ${body.status} (${body.progress}%) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Rows of the run's results that the simulation's differ from (and the other way): [] when they are equal. */
export async function differencesFromRun(pool: Pool, simulationId: string, runId: string): Promise<unknown[]> {
  const storyCols = `story_key, author_key, earnings_micros, reading_time_micros, engagement_micros, read_ratio_adjustment_micros,
    follower_bonus_micros, boost_bonus_micros, views, reads, read_ratio_adjustment_bps, member_reads, member_reading_seconds,
    clappers, highlighters, repliers, new_follows, follower_readers, boosted_readers`;
  const statementCols = `author_key, period, opening_micros, opening_run_id, returned_statement_ids, story_earnings_micros,
    referral_earnings_micros, adjustments_micros, balance_micros, payout_cents, carried_micros, forfeited_micros, status`;
  const diff = async (cols: string, run: string, sim: string) => {
    const { rows } = await pool.query(
      `(SELECT 'run' AS side, ${cols} FROM ${run} WHERE run_id = $1 EXCEPT SELECT 'run', ${cols} FROM ${sim} WHERE simulation_id = $2)
       UNION ALL
       (SELECT 'sim', ${cols} FROM ${sim} WHERE simulation_id = $2 EXCEPT SELECT 'sim', ${cols} FROM ${run} WHERE run_id = $1)`,
      [runId, simulationId],
    );
    return rows;
  };
  const found = [
    ...(await diff(storyCols, 'story_earnings', 'simulation_story_earnings')),
    ...(await diff(statementCols, 'statements', 'simulation_statements')),
  ];
  expect({ found }).toEqual({ found: expect.any(Array) });
  return found;
}
