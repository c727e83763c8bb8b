import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../core/src/database/sql.js';
import { monthIndex } from '../../core/src/period/period.js';
import type { EarningsParameters } from './earnings-parameters.js';
import type { PayoutState } from './payout-rules.js';

type Db = DataSource | EntityManager;

export interface RunHead {
  id: string;
  status: string;
  attempt: number;
  period: string;
  startedBy: string | null;
}

export interface PayoutRow {
  id: string;
  state: PayoutState;
  returned: boolean;
  /** The integrity hold (decision ref) keeping the payout on hold, if one does: only its release or forfeit moves it. */
  integrityHold?: string | null;
}

/** The payout run's lifecycle writes (start, approve, mark paid); the computation's SQL is run/payout-run.repository.ts. */
@Injectable()
export class PayoutRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serializes starts of one period until the transaction ends (the first start of a period has no row to lock). */
  async lockPeriod(m: EntityManager, period: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('payout-run-start'), $1::int)`, [monthIndex(period)]);
  }

  async exists(period: string, db: Db = this.dataSource): Promise<boolean> {
    return !!(await one(db, `SELECT 1 FROM payout_runs WHERE period = $1`, [period]));
  }

  findByPeriodForUpdate(m: EntityManager, period: string): Promise<RunHead | undefined> {
    return one<RunHead>(m, `SELECT id, status, attempt, period, started_by AS "startedBy" FROM payout_runs WHERE period = $1 FOR UPDATE`, [
      period,
    ]);
  }

  findForUpdate(m: EntityManager, id: string): Promise<RunHead | undefined> {
    return one<RunHead>(m, `SELECT id, status, attempt, period, started_by AS "startedBy" FROM payout_runs WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** A new run of the period, or a new attempt of its run (results cleared). */
  async queueAttempt(m: EntityManager, p: { period: string; params: EarningsParameters; version: number; startedBy: string | null }) {
    const started = (await one<{ id: string; attempt: number }>(
      m,
      `INSERT INTO payout_runs (period, status, attempt, params, params_version, started_by, queued_at)
       VALUES ($1, 'queued', 1, $2, $3, $4, now())
       ON CONFLICT (period) DO UPDATE SET status = 'queued', attempt = payout_runs.attempt + 1, progress = 0,
         params = EXCLUDED.params, params_version = EXCLUDED.params_version, started_by = EXCLUDED.started_by,
         queued_at = now(), started_at = NULL, computed_at = NULL, error = NULL, pool_micros = NULL, allocated_micros = NULL,
         unallocated_micros = NULL, referral_micros = NULL, member_count = NULL, pair_count = NULL
       RETURNING id, attempt`,
      [p.period, p.params, p.version, p.startedBy],
    ))!;
    await m.query(`DELETE FROM statements WHERE run_id = $1`, [started.id]);
    await m.query(`DELETE FROM story_earnings WHERE run_id = $1`, [started.id]);
    return started;
  }

  /**
   * Approves the run: its payable statements get a pending payout, and the failed payouts
   * its openings took back are marked taken back (once). Returns how many payouts are pending.
   */
  async approve(m: EntityManager, id: string, approverId: string): Promise<number> {
    await m.query(`UPDATE payout_runs SET status = 'approved', approved_by = $2, approved_at = now() WHERE id = $1`, [id, approverId]);
    const [{ payable }] = await rows<{ payable: number }>(
      m,
      `WITH p AS (UPDATE statements SET payout_state = 'pending', payout_state_at = now()
                  WHERE run_id = $1 AND status = 'payable' AND payout_cents > 0 RETURNING 1)
       SELECT count(*)::int AS payable FROM p`,
      [id],
    );
    await m.query(
      `UPDATE statements SET returned_by_run_id = $1
       WHERE id IN (SELECT unnest(returned_statement_ids) FROM statements WHERE run_id = $1) AND returned_by_run_id IS NULL`,
      [id],
    );
    return payable;
  }

  payoutsForUpdate(m: EntityManager, runId: string): Promise<PayoutRow[]> {
    return rows<PayoutRow>(
      m,
      `SELECT sm.id, sm.payout_state AS state, sm.returned_by_run_id IS NOT NULL AS returned, CASE WHEN sm.payout_state = 'on_hold' THEN sm.hold_ref END AS "integrityHold" FROM statements sm
       WHERE sm.run_id = $1 AND sm.payout_state IS NOT NULL FOR UPDATE`,
      [runId],
    );
  }

  /** New payout states; `failureCode` is kept while a payout is failed or reversed (null otherwise). */
  async setPayoutStates(m: EntityManager, changes: { id: string; after: PayoutState; failureCode?: string | null }[]): Promise<void> {
    await m.query(
      `UPDATE statements sm SET payout_state = c.after, payout_state_at = now(), payout_failure_code = c."failureCode"
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, after text, "failureCode" text) WHERE sm.id = c.id`,
      [JSON.stringify(changes)],
    );
  }

  /** The run is paid (who and when: the first time only). */
  async markPaid(m: EntityManager, id: string, actorId: string): Promise<void> {
    await m.query(
      `UPDATE payout_runs SET status = 'paid', paid_by = coalesce(paid_by, $2), paid_at = coalesce(paid_at, now()) WHERE id = $1`,
      [id, actorId],
    );
  }
}
