import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import type { EarningsParameters } from '../earnings-parameters.js';
import { t } from '../run/earnings-sql.js';
import { WORK_SCHEMA, tuneForRun } from '../run/payout-run.repository.js';
import { dayScope, dayStoreSteps, dayWorkSteps } from './estimate-days-sql.js';
import { type EstimateTarget, estimateInputs, estimateSteps, estimateStoriesSql } from './estimate-sql.js';

/** One story's estimated figures (µ$ as decimal strings). */
export interface EstimatedStory {
  storyId: string;
  authorId: string;
  earningsMicros: string;
  readingTimeMicros: string;
  engagementMicros: string;
  readRatioAdjustmentMicros: string;
  followerBonusMicros: string;
  boostBonusMicros: string;
  views: number;
  reads: number;
  memberReads: number;
}

/**
 * The month-to-date estimates' SQL: a day's aggregates replaced in one transaction, and an
 * estimate computed in a transaction that is rolled back (its work tables vanish with it).
 */
@Injectable()
export class EstimatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Work table prefix of one computation (unique: several may run at once). */
  private work(tag: string): string {
    return `${WORK_SCHEMA}.e${tag}_${randomUUID().replace(/-/g, '').slice(0, 12)}_`;
  }

  /** Replaces the day's aggregates from its sessions, engagements and follows (one snapshot, one transaction). */
  async aggregateDay(day: string, params: EarningsParameters): Promise<void> {
    const s = dayScope(this.work(day.replace(/-/g, '')), day, params);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const m = runner.manager;
      await tuneForRun(m);
      for (const sql of dayWorkSteps(s)) {
        await m.query(sql);
        const created = /^CREATE UNLOGGED TABLE (\S+) AS/.exec(sql);
        if (created) await m.query(`ANALYZE ${created[1]}`);
      }
      for (const sql of dayStoreSteps(s, day)) await m.query(sql);
      for (const name of ['member_cover', 'author_cover', 'pair_sessions', 'first_follows', 'new_follows', 'engaged'])
        await m.query(`DROP TABLE ${t(s, name)}`);
      await runner.commitTransaction();
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }
  }

  /** The estimate's figures for the target's stories in the period, from the aggregated days. */
  async estimate(period: string, target: EstimateTarget, params: EarningsParameters): Promise<EstimatedStory[]> {
    const work = this.work('s');
    const s = { work, period, params: { ...params, shards: 1 }, ...estimateInputs(work) };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const m = runner.manager;
      await tuneForRun(m);
      for (const sql of estimateSteps(s, target)) {
        await m.query(sql);
        const created = /^CREATE UNLOGGED TABLE (\S+) AS/.exec(sql);
        if (created) await m.query(`ANALYZE ${created[1]}`);
      }
      return await rows<EstimatedStory>(m, estimateStoriesSql(s, target));
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** The latest aggregated day of the period (null when none is). */
  async asOf(period: string): Promise<string | null> {
    const row = await one<{ day: string | null }>(this.dataSource, `SELECT max(day)::text AS day FROM estimate_days WHERE period = $1`, [
      period,
    ]);
    return row?.day ?? null;
  }

  /**
   * The days to aggregate besides `day`: those marked since they were aggregated, the
   * aggregated days of `day`'s period built with other session parameters than `params`, and
   * the period's days up to `day` never aggregated (a first deploy mid-month, a failed job):
   * an estimate labelled as of a day must include every day before it.
   */
  async daysToRefresh(day: string, params: EarningsParameters): Promise<string[]> {
    const found = await rows<{ day: string }>(
      this.dataSource,
      `SELECT day::text AS day FROM estimate_dirty_days
       UNION SELECT day::text FROM estimate_days
        WHERE period = $1 AND (qualified_read_seconds <> $2 OR session_cap_seconds <> $3)
       UNION SELECT d::date::text FROM generate_series(date_trunc('month', $4::date), $4::date, interval '1 day') d
        WHERE NOT EXISTS (SELECT 1 FROM estimate_days e WHERE e.day = d::date)
       ORDER BY 1`,
      [day.slice(0, 7), params.qualifiedReadSeconds, params.sessionCapSeconds, day],
    );
    return found.map((r) => r.day);
  }

  async authorKey(authorId: string): Promise<number | undefined> {
    return (await one<{ key: number }>(this.dataSource, `SELECT key FROM members WHERE id = $1`, [authorId]))?.key;
  }

  async storyKey(storyId: string): Promise<number | undefined> {
    return (await one<{ key: number }>(this.dataSource, `SELECT key FROM stories WHERE id = $1`, [storyId]))?.key;
  }
}
