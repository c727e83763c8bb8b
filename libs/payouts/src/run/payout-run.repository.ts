import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import { FINAL_RUN_STATUSES_SQL } from '../payout-rules.js';
import { UNSETTLED_PAYOUT_STATES_SQL } from '../../../ledger/src/ledger-rules.js';
import {
  type RunScope,
  liveExclusionsSql,
  stepContributions,
  stepCoverage,
  stepNewFollows,
  stepPairFacts,
  stepPairs,
  stepReadRatio,
  stepShard,
  stepShardTables,
  stepStoryEarnings,
  t,
} from './earnings-sql.js';
import { basisRunSql, stepStatements } from './statements-sql.js';
import { stepExclusionEffects, stepStoreExclusionEffects } from './exclusion-effects-sql.js';
import { exclusionsUsedSql, inputsDigestSql } from './run-inputs-sql.js';

export interface RunRow {
  id: string;
  period: string;
  status: string;
  attempt: number;
  params: EarningsParameters;
  startedBy: string | null;
}

export interface PreparedTotals {
  pool: string;
  members: number;
  pairs: number;
  /** The live exclusions the snapshot applied: their digest and decision refs. */
  exclusions?: { digest: string; refs: string[] };
}

/** What the shards wrote, summed. */
export interface ShardTotals extends PreparedTotals {
  shards: number;
  allocated: string;
  unallocated: string;
  stories: string;
}

/** The inputs digest of a run whose exclusions changed between prepare and finalize: never current. */
const EXCLUSIONS_MOVED_DIGEST = 'exclusions changed while the run was computed';

export const WORK_SCHEMA = 'payout_work';

/**
 * Sorts and hashes stay in memory (per node, so moderate); CREATE TABLE AS may use
 * parallel workers; UTC for every date computation. Nested loops are off: every step is a
 * bulk join, and the planner underestimates multirange containment (`cover @> started_at`)
 * badly enough to pick quadratic plans otherwise.
 */
export async function tuneForRun(m: EntityManager): Promise<void> {
  await m.query(`SET LOCAL work_mem = '256MB'`);
  await m.query(`SET LOCAL enable_nestloop = off`);
  await m.query(`SET LOCAL max_parallel_workers_per_gather = 2`);
  await m.query(`SET LOCAL jit = off`);
  await m.query(`SET LOCAL timezone = 'UTC'`);
}

/** The payout run's SQL execution: work tables per run attempt, results in one transaction. */
@Injectable()
export class PayoutRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  scope(run: RunRow): RunScope {
    return {
      work: `${WORK_SCHEMA}.${this.prefix(run.id)}a${run.attempt}_`,
      period: run.period,
      params: run.params,
      excludedPairs: liveExclusionsSql(run.period),
    };
  }

  private prefix(runId: string): string {
    return `r${runId.replace(/-/g, '')}_`;
  }

  async findRun(id: string): Promise<RunRow | undefined> {
    return one<RunRow>(
      this.dataSource,
      `SELECT id, period, status, attempt, params, started_by AS "startedBy" FROM payout_runs WHERE id = $1`,
      [id],
    );
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

  async isPrepared(run: RunRow): Promise<boolean> {
    const row = await one<{ ok: boolean }>(this.dataSource, `SELECT prepared_attempt = attempt AS ok FROM payout_runs WHERE id = $1`, [
      run.id,
    ]);
    return !!row?.ok;
  }

  async setProgress(id: string, attempt: number, progress: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE payout_runs SET progress = greatest(progress, $3) WHERE id = $1 AND attempt = $2 AND status = 'running'`,
      [id, attempt, progress],
    );
  }

  /** The attempt failed for good: the run says why (and can be started again); its work tables go. */
  async markFailed(id: string, attempt: number, error: string): Promise<void> {
    const failed = await one(
      this.dataSource,
      `UPDATE payout_runs SET status = 'failed', error = $3 WHERE id = $1 AND attempt = $2 AND status IN ('queued', 'running') RETURNING id`,
      [id, attempt, error.slice(0, 2000)],
    );
    if (failed) await this.dropWork(this.dataSource, id);
  }

  /** Drops the work tables of every attempt of a run. */
  private async dropWork(db: DataSource | EntityManager, runId: string): Promise<void> {
    await this.dropWorkTables(db, this.prefix(runId));
  }

  /** Drops the work tables whose names start with `prefix` (in WORK_SCHEMA). */
  async dropWorkTables(db: DataSource | EntityManager, prefix: string): Promise<void> {
    const tables = await rows<{ name: string }>(
      db,
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = $1 AND starts_with(tablename, $2)`,
      [WORK_SCHEMA, prefix],
    );
    for (const { name } of tables) await db.query(`DROP TABLE IF EXISTS ${name}`);
  }

  /**
   * Steps 1–4 into fresh work tables of this attempt, from one snapshot of the data
   * (REPEATABLE READ: intake may be writing meanwhile). Records the prepared totals.
   */
  async prepare(run: RunRow, onStep: (done: number, of: number) => Promise<void>): Promise<void> {
    const base = this.scope(run);
    const totals = await this.prepareWork(
      // without live exclusions, the run is the plain engine
      {
        period: run.period,
        prefix: this.prefix(run.id),
        effects: true,
        scopeFor: (refs) => (refs.length ? base : { ...base, excludedPairs: undefined }),
      },
      onStep,
    );
    // After the snapshot's transaction (progress updates touch this row meanwhile); a crash
    // in between only means the next try prepares again.
    await this.dataSource.query(`UPDATE payout_runs SET prepared_attempt = attempt, prepared_totals = $3 WHERE id = $1 AND attempt = $2`, [
      run.id,
      run.attempt,
      totals,
    ]);
  }

  /**
   * Steps 1–4 of a period into fresh work tables (those under `prefix` dropped first), from
   * one snapshot: `scopeFor` gets the refs of the period's live exclusions in that snapshot;
   * `effects`: also what the excluded reading would have earned (the run's, exclusion-effects-sql.ts).
   */
  async prepareWork(
    work: { period: string; prefix: string; effects: boolean; scopeFor: (exclusionRefs: string[]) => RunScope },
    onStep: (done: number, of: number) => Promise<void>,
  ): Promise<PreparedTotals> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await tuneForRun(m);
      await this.dropWorkTables(m, work.prefix);
      const exclusions = (await one<{ digest: string; refs: string[] }>(m, exclusionsUsedSql, [work.period]))!;
      const s = work.scopeFor(exclusions.refs);
      const steps = [
        stepContributions(s),
        ...stepCoverage(s),
        stepReadRatio(s),
        stepPairs(s),
        ...stepNewFollows(s),
        ...stepPairFacts(s),
        ...stepShardTables(s),
        ...(work.effects ? stepExclusionEffects(s) : []),
      ];
      for (const [i, sql] of steps.entries()) {
        await m.query(sql);
        const created = /^CREATE UNLOGGED TABLE (\S+) AS/.exec(sql);
        if (created) await m.query(`ANALYZE ${created[1]}`);
        await onStep(i + 1, steps.length);
      }
      const sums = (await one<Omit<PreparedTotals, 'exclusions'>>(
        m,
        `SELECT (SELECT coalesce(sum(contribution), 0) FROM ${t(s, 'contributions')})::text AS pool,
                (SELECT count(*) FROM ${t(s, 'contributions')})::int AS members,
                (SELECT count(*) FROM ${t(s, 'pairs')})::int AS pairs`,
      ))!;
      return { ...sums, exclusions } satisfies PreparedTotals;
    });
  }

  /** One shard's allocation; replaces whatever an earlier try of the same shard wrote. */
  async computeShard(run: RunRow, shard: number): Promise<void> {
    await this.computeShardWork(this.scope(run), shard);
  }

  /** One shard of a scope's allocation into its work tables (replacing that shard's rows). */
  async computeShardWork(s: RunScope, shard: number): Promise<void> {
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
   * status `computed`. Refuses to commit unless every shard reported, the shards add up to
   * what was prepared (work tables are unlogged: a database crash empties them), and
   * pool = allocated + unallocated. `computed(m)` runs in the same transaction once the run is computed.
   */
  async finalize(run: RunRow, computed: (m: EntityManager) => Promise<unknown> = async () => undefined): Promise<void> {
    const s = this.scope(run);
    await this.dataSource.transaction(async (m) => {
      await tuneForRun(m);
      const locked = await one<{ prepared: PreparedTotals | null }>(
        m,
        `SELECT prepared_totals AS prepared FROM payout_runs WHERE id = $1 AND attempt = $2 AND status = 'running' FOR UPDATE`,
        [run.id, run.attempt],
      );
      if (!locked) return; // an older attempt, or already finalized
      const parts = await this.checkedParts(m, s, run.params.shards, locked.prepared);
      await m.query(`DELETE FROM statements WHERE run_id = $1`, [run.id]);
      await m.query(`DELETE FROM story_earnings WHERE run_id = $1`, [run.id]);
      await m.query(`DELETE FROM story_exclusion_effects WHERE run_id = $1`, [run.id]);
      if (locked.prepared?.exclusions?.refs.length) await m.query(stepStoreExclusionEffects(s, run.id));
      await m.query(stepStoryEarnings(s, run.id));
      await m.query(stepStatements(s, run.id), [run.period]);
      const basis = await one<{ id: string }>(m, basisRunSql, [run.period]);
      const { digest } = (await one<{ digest: string }>(m, inputsDigestSql, [run.period]))!;
      // a decision taken while the run was computing: the run did not apply it, so it is stale at once
      const excluded = (await one<{ digest: string }>(m, exclusionsUsedSql, [run.period]))!;
      const moved = excluded.digest !== locked.prepared?.exclusions?.digest; // (a run prepared before exclusions existed: none recorded)
      await m.query(
        `UPDATE payout_runs SET status = 'computed', progress = 100, computed_at = now(), error = NULL,
                pool_micros = $2, allocated_micros = $3, unallocated_micros = $4, member_count = $5, pair_count = $6,
                referral_micros = (SELECT coalesce(sum(amount_micros), 0) FROM referral_credits WHERE period = $7),
                basis_run_id = $8, inputs_digest = $9, decision_refs = $10
         WHERE id = $1`,
        [
          run.id,
          parts.pool,
          parts.allocated,
          parts.unallocated,
          parts.members,
          parts.pairs,
          run.period,
          basis?.id ?? null,
          moved ? EXCLUSIONS_MOVED_DIGEST : digest,
          locked.prepared?.exclusions?.refs ?? [],
        ],
      );
      await computed(m);
      await this.dropWork(m, run.id);
    });
  }

  /**
   * The sums of every shard, refused unless every shard reported, they add up to what was
   * prepared (work tables are unlogged: a database crash empties them) and money is conserved.
   */
  async checkedParts(m: EntityManager, s: RunScope, shards: number, prepared: PreparedTotals | null): Promise<ShardTotals> {
    const [parts] = await rows<ShardTotals>(
      m,
      `SELECT count(*)::int AS shards, coalesce(sum(contributed), 0)::text AS pool, coalesce(sum(allocated), 0)::text AS allocated,
              coalesce(sum(unallocated), 0)::text AS unallocated, coalesce(sum(members), 0)::int AS members,
              (SELECT coalesce(sum(earnings), 0) FROM ${t(s, 'story_parts')})::text AS stories,
              (SELECT count(*) FROM ${t(s, 'pairs')})::int AS pairs
       FROM ${t(s, 'member_parts')}`,
    );
    if (parts.shards !== shards) throw new Error(`only ${parts.shards} of ${shards} shards are done`);
    if (!prepared || prepared.pool !== parts.pool || prepared.members !== parts.members || prepared.pairs !== parts.pairs) {
      throw new Error(
        `the shards do not add up to the prepared run (${JSON.stringify(prepared)} vs ${JSON.stringify(parts)}): recompute it`,
      );
    }
    const pool = BigInt(parts.pool);
    if (pool !== BigInt(parts.allocated) + BigInt(parts.unallocated) || BigInt(parts.stories) !== BigInt(parts.allocated)) {
      throw new Error(
        `money not conserved: pool ${pool}, allocated ${parts.allocated}, unallocated ${parts.unallocated}, stories ${parts.stories}`,
      );
    }
    return parts;
  }

  /**
   * Why a computed run may no longer be approved as it stands (empty: it may): an earlier
   * period was approved since (its openings moved), a later period is already approved,
   * a payout it takes back changed, a payout of an earlier final run came back to a balance
   * (failed, reversed, released from a hold) that it does not take back, or the period's
   * adjustments, referral credits or integrity exclusions or holds changed.
   */
  async staleness(m: EntityManager, runId: string, period: string): Promise<string[]> {
    const [row] = await rows<{
      basis: string | null;
      digest: string | null;
      later: boolean;
      returned: number;
      missed: boolean;
      now_basis: string | null;
      now_digest: string;
    }>(
      m,
      `SELECT r.basis_run_id AS basis, r.inputs_digest AS digest,
              EXISTS (SELECT 1 FROM payout_runs l WHERE l.period > r.period AND l.status IN ${FINAL_RUN_STATUSES_SQL}) AS later,
              (SELECT count(*)::int FROM statements sm JOIN statements rs ON rs.id = ANY(sm.returned_statement_ids)
                WHERE sm.run_id = r.id AND (rs.payout_state NOT IN ${UNSETTLED_PAYOUT_STATES_SQL} OR rs.returned_by_run_id IS NOT NULL)) AS returned,
              EXISTS (SELECT 1 FROM statements us JOIN payout_runs ur ON ur.id = us.run_id
                WHERE ur.status IN ${FINAL_RUN_STATUSES_SQL} AND ur.period < r.period AND us.payout_state IN ${UNSETTLED_PAYOUT_STATES_SQL}
                  AND us.returned_by_run_id IS NULL
                  AND us.id NOT IN (SELECT x FROM statements sm, unnest(sm.returned_statement_ids) x WHERE sm.run_id = r.id)) AS missed,
              (${basisRunSql}) AS now_basis,
              (${inputsDigestSql.replace(' AS digest', '')}) AS now_digest
       FROM payout_runs r WHERE r.id = $2`,
      [period, runId],
    );
    const reasons: string[] = [];
    if (row.later) reasons.push('a later period is already approved');
    if (row.now_basis !== row.basis) reasons.push('the openings come from another approved run now');
    if (row.returned > 0) reasons.push('a failed payout it takes back has changed');
    if (row.missed) reasons.push("a payout came back to an author's balance since (failed, reversed or released from a hold)");
    if (row.now_digest !== row.digest) reasons.push("the period's adjustments, referral credits, integrity exclusions or holds changed");
    return reasons;
  }
}
