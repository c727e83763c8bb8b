import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The advisory lock key of the payout money lock (any constant unique to it). */
const PAYOUT_MONEY_LOCK = 7_961_790_001;

/**
 * One transaction-level lock taken first by every write that decides which payouts an approval
 * pays: approving a run and placing, releasing or forfeiting an integrity hold. They then run one
 * after another, so an approval's staleness check sees every hold committed before it (and a
 * hold sees the payouts of every approval committed before it), and two approvals never check
 * their openings against the same earlier state.
 */
@Injectable()
export class PayoutMoneyLock {
  async take(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [PAYOUT_MONEY_LOCK]);
  }
}
