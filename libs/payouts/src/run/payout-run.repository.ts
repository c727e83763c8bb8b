import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import {
  type RunScope, WORK_TABLES, stepContributions, stepCoverage, stepNewFollows, stepPairFacts, stepPairs, stepReadRatio,
  stepShard, stepShardTables, stepStatements, stepStoryEarnings, t,
} from './earnings-sql.js';

export interface RunRow {
  id: string;
  period: string;
  status: string;
  attempt: number;
  params: EarningsParameters;
  startedBy: string | null;
}

const WORK_SCHEMA = 'payout_work';

/**
 * Big sorts and hashes stay in memory; CREATE TABLE AS may use parallel workers. Nested
 * loops are off: every step is a bulk join, and the planner underestimates multirange
 * containment (`cover @> started_at`) badly enough to pick quadratic plans otherwise.
 */
async function tuneForRun(m: EntityManager): Promise<void> {
  await m.query(`SET LOCAL work_mem = '1GB'`);
  await m.query(`SET LOCAL enable_nestloop = off`);
  await m.query(`SET LOCAL max_parallel_workers_per_gather = 2`);
  await m.query(`SET LOCAL jit = off`);
}

/** The payout run's SQL execution: work tables per run attempt, results in one transaction. */
@Injectable()
export class PayoutRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  scope(run: RunRow): RunScope {
    return { work: `${WORK_SCHEMA}.r${run.id.replace(/-/g, '')}_a${run.attempt}_`, period: run.period, params: run.params };
  }

  async findRun(id: string): Promise<RunRow | undefined> {
    return one<RunRow>(this.dataSource, `SELECT id, period, status, attempt, params, started_by AS "startedBy" FROM payout_runs WHERE id = $1`, [id]);
  }

  /** Marks the attempt running; false when the job belongs to an older attempt or the run moved on. */
  async markRunning(id: string, attempt: number): Promise<boolean> {
    const row = await one(
      this.dataSource,
      `UPDATE payout_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
       WHERE id = $1 AND attempt = $2 AND status IN ('queued', 'running') RETURNING id`,
      [id, attempt],
    );
    return !!row;
  }

  async setProgress(id: string, attempt: number, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE payout_runs SET progress = greatest(progress, $3) WHERE id = $1 AND attempt = $2 AND status = 'running'`, [
      id, attempt, progress,
    ]);
  }

  async markFailed(id: string, attempt: number, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE payout_runs SET status = 'failed', error = $3 WHERE id = $1 AND attempt = $2 AND status IN ('queued', 'running')`, [
      id, attempt, error.slice(0, 2000),
    ]);
  }

  /** Steps 1–4 into fresh work tables of this attempt (a retried prepare starts over). */
  async prepare(run: RunRow, onStep: (done: number, of: number) => Promise<void>): Promise<void> {
    const s = this.scope(run);
    const steps = [
      ...WORK_TABLES.map((name) => `DROP TABLE IF EXISTS ${t(s, name)}`),
      stepContributions(s),
      ...stepCoverage(s),
      stepReadRatio(s),
      stepPairs(s),
      ...stepNewFollows(s),
      ...stepPairFacts(s),
      ...stepShardTables(s),
    ];
    await this.dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${WORK_SCHEMA}`);
    await this.dataSource.transaction(async (m) => {
      await tuneForRun(m);
      for (const [i, sql] of steps.entries()) {
        await m.query(sql);
        const created = /^CREATE UNLOGGED TABLE (\S+) AS/.exec(sql);
        if (created) await m.query(`ANALYZE ${created[1]}`);
        await onStep(i + 1, steps.length);
      }
    });
  }

  /** One shard's allocation; replaces whatever an earlier try of the same shard wrote. */
  async computeShard(run: RunRow, shard: number): Promise<void> {
    const s = this.scope(run);
    await this.dataSource.transaction(async (m) => {
      await tuneForRun(m);
      await m.query(`DELETE FROM ${t(s, 'story_parts')} WHERE shard = $1`, [shard]);
      await m.query(`DELETE FROM ${t(s, 'member_parts')} WHERE shard = $1`, [shard]);
      await m.query(stepShard(s, shard));
    });
  }

  async shardsDone(run: RunRow): Promise<number> {
    const row = await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM ${t(this.scope(run), 'member_parts')}`);
    return row?.n ?? 0;
  }

  /**
   * Steps 7–9 and the totals, in one transaction: story earnings, statements, run totals,
   * status `computed`; refuses to commit unless pool = allocated + unallocated holds.
   */
  async finalize(run: RunRow): Promise<void> {
    const s = this.scope(run);
    await this.dataSource.transaction(async (m) => {
      await tuneForRun(m);
      const locked = await one(m, `SELECT id FROM payout_runs WHERE id = $1 AND attempt = $2 AND status = 'running' FOR UPDATE`, [run.id, run.attempt]);
      if (!locked) return; // an older attempt, or already finalized
      const [parts] = await rows<{ shards: number; pool: string; allocated: string; unallocated: string; members: number }>(
        m,
        `SELECT count(*)::int AS shards, coalesce(sum(contributed), 0)::text AS pool, coalesce(sum(allocated), 0)::text AS allocated,
                coalesce(sum(unallocated), 0)::text AS unallocated, coalesce(sum(members), 0)::int AS members
         FROM ${t(s, 'member_parts')}`,
      );
      if (parts.shards !== run.params.shards) throw new Error(`only ${parts.shards} of ${run.params.shards} shards are done`);
      const [check] = await rows<{ pool: string; members: number; pairs: number; stories: string }>(
        m,
        `SELECT (SELECT coalesce(sum(contribution), 0) FROM ${t(s, 'contributions')})::text AS pool,
                (SELECT count(*) FROM ${t(s, 'contributions')})::int AS members,
                (SELECT count(*) FROM ${t(s, 'pairs')})::int AS pairs,
                (SELECT coalesce(sum(earnings), 0) FROM ${t(s, 'story_parts')})::text AS stories`,
      );
      const pool = BigInt(check.pool);
      if (pool !== BigInt(parts.pool) || check.members !== parts.members) throw new Error('shards did not cover every member');
      if (pool !== BigInt(parts.allocated) + BigInt(parts.unallocated) || BigInt(check.stories) !== BigInt(parts.allocated)) {
        throw new Error(`money not conserved: pool ${pool}, allocated ${parts.allocated}, unallocated ${parts.unallocated}, stories ${check.stories}`);
      }
      await m.query(`DELETE FROM statements WHERE run_id = $1`, [run.id]);
      await m.query(`DELETE FROM story_earnings WHERE run_id = $1`, [run.id]);
      await m.query(stepStoryEarnings(s, run.id));
      await m.query(stepStatements(s, run.id));
      await m.query(
        `UPDATE payout_runs SET status = 'computed', progress = 100, computed_at = now(), error = NULL,
                pool_micros = $2, allocated_micros = $3, unallocated_micros = $4, member_count = $5, pair_count = $6,
                referral_micros = (SELECT coalesce(sum(amount_micros), 0) FROM referral_credits WHERE period = $7)
         WHERE id = $1`,
        [run.id, check.pool, parts.allocated, parts.unallocated, check.members, check.pairs, run.period],
      );
      for (const name of WORK_TABLES) await m.query(`DROP TABLE IF EXISTS ${t(s, name)}`);
    });
  }
}
