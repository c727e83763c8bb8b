import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rows } from '../../core/src/database/sql.js';
import { approvalGroupSql, UNSETTLED_PAYOUT_STATES_SQL } from './ledger-rules.js';

type Db = DataSource | EntityManager;
const FINAL = `r.status IN ('approved', 'paid')`;

/** The integrity checks' SQL: each returns the offending rows (empty: the check holds), at most `limit`. */
@Injectable()
export class IntegrityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Authors whose ledger balance is not their latest statement's carried amount plus unsettled (failed, reversed, released) payouts not taken back. */
  authorBalances(db: Db = this.dataSource, limit = 50) {
    return rows<{ authorKey: number; statementId: string | null; ledgerMicros: string; statementsMicros: string }>(
      db,
      `WITH latest AS (
         SELECT DISTINCT ON (s.author_key) s.author_key, s.id, s.carried_micros FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE ${FINAL} ORDER BY s.author_key, r.period DESC),
       unsettled AS (
         SELECT s.author_key, sum(s.payout_cents * 10000) AS amount FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE ${FINAL} AND s.payout_state IN ${UNSETTLED_PAYOUT_STATES_SQL} AND s.returned_by_run_id IS NULL GROUP BY 1),
       ledger AS (
         SELECT substr(account, 8)::int AS author_key, -sum(amount_micros) AS amount FROM ledger_entries
         WHERE starts_with(account, 'author:') GROUP BY 1)
       SELECT coalesce(l.author_key, la.author_key) AS "authorKey", la.id::text AS "statementId", coalesce(l.amount, 0)::text AS "ledgerMicros",
              (coalesce(la.carried_micros, 0) + coalesce(u.amount, 0))::text AS "statementsMicros"
       FROM ledger l FULL JOIN latest la ON la.author_key = l.author_key
       LEFT JOIN unsettled u ON u.author_key = coalesce(l.author_key, la.author_key)
       WHERE coalesce(l.amount, 0) <> coalesce(la.carried_micros, 0) + coalesce(u.amount, 0)
       ORDER BY 1 LIMIT $1`,
      [limit],
    );
  }

  /** Final runs whose pool is not allocated + unallocated, or whose pool account in the journal is not funded by it and emptied. */
  runPools(db: Db = this.dataSource, limit = 50) {
    return rows<{
      runId: string;
      period: string;
      poolMicros: string;
      allocatedMicros: string;
      unallocatedMicros: string;
      poolAccountMicros: string;
    }>(
      db,
      `SELECT r.id::text AS "runId", r.period, r.pool_micros::text AS "poolMicros", r.allocated_micros::text AS "allocatedMicros",
              r.unallocated_micros::text AS "unallocatedMicros", coalesce(sum(le.amount_micros), 0)::text AS "poolAccountMicros"
       FROM payout_runs r LEFT JOIN ledger_entries le ON le.account = 'pool:' || r.period AND le.run_id = r.id
       WHERE ${FINAL}
       GROUP BY r.id
       HAVING r.pool_micros <> r.allocated_micros + r.unallocated_micros OR coalesce(sum(le.amount_micros), 0) <> 0
           OR coalesce(sum(le.amount_micros) FILTER (WHERE le.kind = 'pool_funding' AND le.amount_micros < 0), 0) <> -r.pool_micros
       ORDER BY r.period LIMIT $1`,
      [limit],
    );
  }

  /** Payouts whose money reached `paid_out` more than once (or left it more than it came). */
  paidTwice(db: Db = this.dataSource, limit = 50) {
    return rows<{ statementId: string; paidOutMicros: string; payoutMicros: string; entryIds: string[] }>(
      db,
      `SELECT le.statement_id::text AS "statementId", (-sum(le.amount_micros))::text AS "paidOutMicros",
              (s.payout_cents * 10000)::text AS "payoutMicros", array_agg(le.id::text ORDER BY le.id) AS "entryIds"
       FROM ledger_entries le JOIN statements s ON s.id = le.statement_id
       WHERE le.account = 'paid_out'
       GROUP BY le.statement_id, s.payout_cents
       HAVING -sum(le.amount_micros) NOT IN (0, s.payout_cents * 10000)
       ORDER BY 1 LIMIT $1`,
      [limit],
    );
  }

  /** Final runs whose payout file total (payable statements) is not what the approval put in transit. */
  payoutFileTotals(db: Db = this.dataSource, limit = 50) {
    return rows<{ runId: string; fileMicros: string; ledgerMicros: string }>(
      db,
      `WITH file AS (
         SELECT r.id, coalesce(sum(s.payout_cents * 10000) FILTER (WHERE s.status = 'payable' AND s.payout_cents > 0), 0) AS amount
         FROM payout_runs r LEFT JOIN statements s ON s.run_id = r.id WHERE ${FINAL} GROUP BY r.id),
       ledger AS (
         SELECT le.run_id AS id, -sum(le.amount_micros) AS amount FROM ledger_entries le
         WHERE le.account = 'in_transit' AND le.kind = 'payout' AND le.group_id = ${approvalGroupSql('le.run_id::text')} GROUP BY 1)
       SELECT f.id::text AS "runId", f.amount::text AS "fileMicros", coalesce(l.amount, 0)::text AS "ledgerMicros"
       FROM file f LEFT JOIN ledger l ON l.id = f.id WHERE f.amount <> coalesce(l.amount, 0) ORDER BY 1 LIMIT $1`,
      [limit],
    );
  }
}
