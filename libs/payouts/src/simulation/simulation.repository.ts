import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import { FINAL_RUN_STATUSES_SQL } from '../payout-rules.js';
import { liveExclusionsSql, type ResultTables, type RunScope, stepStoryEarnings } from '../run/earnings-sql.js';
import { stepStatements } from '../run/statements-sql.js';
import { type PreparedTotals, PayoutRunRepository, tuneForRun, WORK_SCHEMA } from '../run/payout-run.repository.js';

/** Where a simulation's steps 7 and 9 write. */
export const SIMULATION_RESULTS: ResultTables = {
  storyEarnings: 'simulation_story_earnings',
  statements: 'simulation_statements',
  owner: 'simulation_id',
};

export interface SimulationRow {
  id: string;
  period: string;
  runId: string;
  status: string;
  params: EarningsParameters;
  withoutBoostIds: string[];
  excludedPairs: number;
}

export interface NewSimulation {
  period: string;
  runId: string;
  params: EarningsParameters;
  changes: Record<string, { from: number; to: number }>;
  withoutBoostIds: string[];
  excludedPairs: { memberId: string; storyId: string }[];
  createdBy: string | null;
  label: string | null;
}

const ROW = `id, period, run_id AS "runId", status, params, without_boost_ids AS "withoutBoostIds",
  (SELECT count(*)::int FROM simulation_excluded_pairs x WHERE x.simulation_id = simulations.id) AS "excludedPairs"`;

/** A uuid checked before it is inlined in a work table's SQL (CREATE TABLE AS takes no bind parameters). */
function uuidLiteral(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'`;
}

/**
 * A simulation's SQL: its row, the scope the engine's steps run in (work tables under their
 * own prefix, results into the simulation tables, openings from the period's run), and its
 * results in one transaction. It reads the run's tables and never writes them.
 */
@Injectable()
export class SimulationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: PayoutRunRepository,
  ) {}

  /** The period's approved or paid run, with its parameters. */
  async finalRun(db: DataSource | EntityManager, period: string): Promise<{ id: string; params: EarningsParameters } | undefined> {
    return one(db, `SELECT id, params FROM payout_runs WHERE period = $1 AND status IN ${FINAL_RUN_STATUSES_SQL}`, [period]);
  }

  /** Boost ids of the list that do not exist. */
  async unknownBoosts(db: DataSource | EntityManager, ids: string[]): Promise<string[]> {
    const found = await rows<{ id: string }>(
      db,
      `SELECT x AS id FROM unnest($1::text[]) x WHERE NOT EXISTS (SELECT 1 FROM boosts b WHERE b.id = x)`,
      [ids],
    );
    return found.map((r) => r.id);
  }

  async insert(m: EntityManager, sim: NewSimulation): Promise<string> {
    const { id } = (await one<{ id: string }>(
      m,
      `INSERT INTO simulations (period, run_id, status, params, changes, without_boost_ids, created_by, label)
       VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7) RETURNING id`,
      [sim.period, sim.runId, sim.params, sim.changes, sim.withoutBoostIds, sim.createdBy, sim.label],
    ))!;
    if (sim.excludedPairs.length) {
      await m.query(
        `INSERT INTO simulation_excluded_pairs (simulation_id, m, s)
         SELECT $1, mb.key, st.key FROM unnest($2::text[], $3::text[]) x(member_id, story_id)
         JOIN members mb ON mb.id = x.member_id JOIN stories st ON st.id = x.story_id ON CONFLICT DO NOTHING`,
        [id, sim.excludedPairs.map((p) => p.memberId), sim.excludedPairs.map((p) => p.storyId)],
      );
    }
    return id;
  }

  /**
   * A finished simulation of the period against its current final run with the run's own
   * parameters, no excluded pairs and exactly these boosts left out (e.g. a boost's impact).
   */
  async reusable(period: string, withoutBoostIds: string[]): Promise<string | undefined> {
    const row = await one<{ id: string }>(
      this.dataSource,
      `SELECT sm.id FROM simulations sm JOIN payout_runs r ON r.id = sm.run_id AND r.status IN ${FINAL_RUN_STATUSES_SQL}
       WHERE sm.period = $1 AND sm.status = 'done' AND sm.changes = '{}'::jsonb
         AND sm.without_boost_ids @> $2::text[] AND sm.without_boost_ids <@ $2::text[]
         AND NOT EXISTS (SELECT 1 FROM simulation_excluded_pairs x WHERE x.simulation_id = sm.id)
       ORDER BY sm.finished_at DESC LIMIT 1`,
      [period, withoutBoostIds],
    );
    return row?.id;
  }

  async find(id: string, db: DataSource | EntityManager = this.dataSource): Promise<SimulationRow | undefined> {
    return one<SimulationRow>(db, `SELECT ${ROW} FROM simulations WHERE id = $1`, [id]);
  }

  async lockForDelete(m: EntityManager, id: string): Promise<Record<string, unknown> | undefined> {
    return one(m, `SELECT id, period, run_id AS "runId", status, changes, label FROM simulations WHERE id = $1 FOR UPDATE`, [id]);
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    for (const table of ['simulation_statements', 'simulation_story_earnings', 'simulation_excluded_pairs'])
      await m.query(`DELETE FROM ${table} WHERE simulation_id = $1`, [id]);
    await m.query(`DELETE FROM simulations WHERE id = $1`, [id]);
    await this.engine.dropWorkTables(m, this.workPrefix(id));
  }

  /** The prefix of its work tables in WORK_SCHEMA. */
  workPrefix(id: string): string {
    return `s${id.replace(/-/g, '')}_`;
  }

  /**
   * The engine's scope of a simulation, given the refs of the period's live exclusions: it
   * excludes what the run excluded and its own pairs (none of either: the plain engine, as the run).
   */
  scope(sim: SimulationRow, exclusionRefs: string[] = []): RunScope {
    const id = uuidLiteral(sim.id);
    const own = `SELECT m, s FROM simulation_excluded_pairs WHERE simulation_id = ${id}`;
    const live = exclusionRefs.length ? liveExclusionsSql(sim.period) : null;
    const excludedPairs = sim.excludedPairs ? (live ? `(${live} UNION ${own})` : `(${own})`) : (live ?? undefined);
    return {
      work: `${WORK_SCHEMA}.${this.workPrefix(sim.id)}`,
      period: sim.period,
      params: sim.params,
      results: SIMULATION_RESULTS,
      ...(excludedPairs ? { excludedPairs } : {}),
      ...(sim.withoutBoostIds.length
        ? { boosts: `(SELECT b.* FROM boosts b WHERE b.id <> ALL (SELECT unnest(without_boost_ids) FROM simulations WHERE id = ${id}))` }
        : {}),
      // The openings the period's run used (its basis run's carried amounts and the payouts it took back).
      openings: `SELECT author_key, opening_run_id AS run_id, opening_micros AS amount, returned_statement_ids AS returned_ids
                 FROM statements WHERE run_id = ${uuidLiteral(sim.runId)}`,
    };
  }

  /** Marks it running (a retry restarts it); false when it is gone or done. */
  async markRunning(id: string): Promise<boolean> {
    const row = await one(
      this.dataSource,
      `UPDATE simulations SET status = 'running', progress = 0, started_at = now(), error = NULL
       WHERE id = $1 AND status IN ('queued', 'running', 'failed') RETURNING id`,
      [id],
    );
    return !!row;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE simulations SET progress = greatest(progress, $2) WHERE id = $1 AND status = 'running'`, [
      id,
      progress,
    ]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE simulations SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'done'`, [
      id,
      error.slice(0, 2000),
    ]);
    await this.engine.dropWorkTables(this.dataSource, this.workPrefix(id));
  }

  /** Steps 7–9 into the simulation's tables and its totals, in one transaction; its work tables go. */
  async finalize(sim: SimulationRow, prepared: PreparedTotals): Promise<void> {
    const s = this.scope(sim, prepared.exclusions?.refs ?? []);
    await this.dataSource.transaction(async (m) => {
      await tuneForRun(m);
      const locked = await one(m, `SELECT id FROM simulations WHERE id = $1 AND status = 'running' FOR UPDATE`, [sim.id]);
      if (!locked) return; // deleted meanwhile (its work tables went with it), or already done
      const parts = await this.engine.checkedParts(m, s, sim.params.shards, prepared);
      await m.query(`DELETE FROM simulation_statements WHERE simulation_id = $1`, [sim.id]);
      await m.query(`DELETE FROM simulation_story_earnings WHERE simulation_id = $1`, [sim.id]);
      await m.query(stepStoryEarnings(s, sim.id));
      await m.query(stepStatements(s, sim.id), [sim.period]);
      await m.query(
        `UPDATE simulations SET status = 'done', progress = 100, finished_at = now(), error = NULL,
                pool_micros = $2, allocated_micros = $3, unallocated_micros = $4, member_count = $5, pair_count = $6
         WHERE id = $1`,
        [sim.id, parts.pool, parts.allocated, parts.unallocated, parts.members, parts.pairs],
      );
      await this.engine.dropWorkTables(m, this.workPrefix(sim.id));
    });
  }
}
