import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { one, rows } from '../../../core/src/database/sql.js';
import { FINAL_RUN_STATUSES_SQL } from '../payout-rules.js';

export interface HoldRow {
  authorKey: number;
  reason: string;
  released: boolean;
  forfeited: boolean;
}

/** A payout an integrity hold moves: its statement, state and amount. */
export interface HeldPayout {
  id: string;
  state: string;
  micros: string;
}

const PAYOUT = `sm.id, sm.payout_state AS state, (sm.payout_cents * 10000)::text AS micros`;
const LIVE = `h.released_at IS NULL AND h.forfeited_at IS NULL`;

/** The SQL of integrity holds on authors' payouts. */
@Injectable()
export class PayoutHoldsRepository {
  /** The new hold (false: the decision ref exists already). */
  async insert(m: EntityManager, authorKey: number, decisionRef: string, reason: string): Promise<boolean> {
    const done = await rows(
      m,
      `INSERT INTO payout_holds (author_key, decision_ref, reason) VALUES ($1, $2, $3) ON CONFLICT (decision_ref) DO NOTHING RETURNING id`,
      [authorKey, decisionRef, reason],
    );
    return done.length > 0;
  }

  findForUpdate(m: EntityManager, decisionRef: string): Promise<HoldRow | undefined> {
    return one<HoldRow>(
      m,
      `SELECT author_key AS "authorKey", reason, released_at IS NOT NULL AS released, forfeited_at IS NOT NULL AS forfeited
       FROM payout_holds WHERE decision_ref = $1 FOR UPDATE`,
      [decisionRef],
    );
  }

  async end(m: EntityManager, decisionRef: string, how: 'released' | 'forfeited'): Promise<void> {
    await m.query(`UPDATE payout_holds SET ${how}_at = now() WHERE decision_ref = $1`, [decisionRef]);
  }

  async authorExists(m: EntityManager, authorKey: number): Promise<boolean> {
    return !!(await one(m, `SELECT 1 FROM members WHERE key = $1`, [authorKey]));
  }

  /** The author's payouts of approved or paid runs still to be sent (pending), locked. */
  pendingOfAuthor(m: EntityManager, authorKey: number): Promise<HeldPayout[]> {
    return rows<HeldPayout>(
      m,
      `SELECT ${PAYOUT} FROM statements sm JOIN payout_runs r ON r.id = sm.run_id
       WHERE sm.author_key = $1 AND r.status IN ${FINAL_RUN_STATUSES_SQL} AND sm.payout_state = 'pending'
       ORDER BY sm.id FOR UPDATE OF sm`,
      [authorKey],
    );
  }

  /** The run's pending payouts whose statement records a hold (right after approval), locked. */
  pendingHeldOfRun(m: EntityManager, runId: string): Promise<HeldPayout[]> {
    return rows<HeldPayout>(
      m,
      `SELECT ${PAYOUT} FROM statements sm WHERE sm.run_id = $1 AND sm.hold_ref IS NOT NULL AND sm.payout_state = 'pending'
       ORDER BY sm.id FOR UPDATE`,
      [runId],
    );
  }

  /** The payouts the hold keeps (on hold), locked. */
  heldBy(m: EntityManager, decisionRef: string): Promise<HeldPayout[]> {
    return rows<HeldPayout>(
      m,
      `SELECT ${PAYOUT} FROM statements sm WHERE sm.hold_ref = $1 AND sm.payout_state = 'on_hold' ORDER BY sm.id FOR UPDATE`,
      [decisionRef],
    );
  }

  /** The author's oldest live hold other than `decisionRef` (another decision that keeps the payouts held). */
  otherLiveHold(m: EntityManager, authorKey: number, decisionRef: string): Promise<{ ref: string; reason: string } | undefined> {
    return one(
      m,
      `SELECT h.decision_ref AS ref, h.reason FROM payout_holds h
       WHERE h.author_key = $1 AND h.decision_ref <> $2 AND ${LIVE} ORDER BY h.created_at, h.decision_ref LIMIT 1`,
      [authorKey, decisionRef],
    );
  }

  /** The statements record the hold (ref and reason). */
  async record(m: EntityManager, statementIds: string[], hold: { ref: string; reason: string }): Promise<void> {
    await m.query(`UPDATE statements SET hold_ref = $2, hold_reason = $3 WHERE id = ANY($1::uuid[])`, [
      statementIds,
      hold.ref,
      hold.reason,
    ]);
  }
}
