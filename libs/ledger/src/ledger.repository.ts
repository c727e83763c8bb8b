import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rows } from '../../core/src/database/sql.js';
import { LINE_COLUMNS, payoutEventLinesSql, rebuiltJournalSql } from './journal-sql.js';
import type { PayoutEventSource } from './ledger-rules.js';

type Db = DataSource | EntityManager;

export interface PayoutTransition {
  statementId: string;
  from: string;
  to: string;
}

export interface JournalLine {
  id?: string;
  groupId: string;
  runId: string | null;
  statementId: string | null;
  authorKey: number | null;
  account: string;
  amountMicros: string;
  kind: string;
}

export interface JournalDifference {
  /** Lines the approved runs and payout events imply that the journal lacks. */
  missing: JournalLine[];
  /** Stored entries nothing implies (with their ids). */
  extra: JournalLine[];
  missingCount: number;
  extraCount: number;
}

const LINE_SELECT = `group_id::text AS "groupId", run_id::text AS "runId", statement_id::text AS "statementId", author_key AS "authorKey",
  account, amount_micros::text AS "amountMicros", kind`;

/** The journal's SQL: writes in the caller's transaction, one statement per event. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records payout transitions (events) and their lines; transitions that change nothing are left out. */
  async writePayoutTransitions(m: EntityManager, changes: PayoutTransition[], source: PayoutEventSource): Promise<number> {
    if (changes.length === 0) return 0;
    const [{ n }] = await rows<{ n: number }>(
      m,
      `WITH c AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS c("statementId" uuid, "from" text, "to" text)),
       e AS (INSERT INTO ledger_payout_events (statement_id, run_id, author_key, from_state, to_state, amount_micros, source)
             SELECT sm.id, sm.run_id, sm.author_key, c."from", c."to", sm.payout_cents * 10000, $2
             FROM c JOIN statements sm ON sm.id = c."statementId"
             WHERE c."from" <> c."to" AND sm.payout_cents > 0 ORDER BY sm.id RETURNING *),
       w AS (INSERT INTO ledger_entries (${LINE_COLUMNS}) ${payoutEventLinesSql('e')} RETURNING 1)
       SELECT count(*)::int AS n FROM w`,
      [JSON.stringify(changes), source],
    );
    return n;
  }

  /** Compares the stored journal with the one the approved runs and payout events derive (up to `limit` lines each way). */
  async compareWithRebuilt(db: Db = this.dataSource, limit = 50): Promise<JournalDifference> {
    const [r] = await rows<{ missing: JournalLine[] | null; extra: JournalLine[] | null; mc: number; ec: number }>(
      db,
      `WITH expected AS (${rebuiltJournalSql()}),
       stored AS (SELECT ${LINE_COLUMNS} FROM ledger_entries),
       missing AS (SELECT * FROM expected EXCEPT ALL SELECT * FROM stored),
       extra AS (SELECT * FROM stored EXCEPT ALL SELECT * FROM expected),
       extra_ids AS (
         SELECT le.id::text AS id, le.group_id::text AS "groupId", le.run_id::text AS "runId", le.statement_id::text AS "statementId",
                le.author_key AS "authorKey", le.account, le.amount_micros::text AS "amountMicros", le.kind
         FROM ledger_entries le JOIN (SELECT DISTINCT * FROM extra) x ON x.group_id = le.group_id AND x.account = le.account
           AND x.amount_micros = le.amount_micros AND x.kind = le.kind AND x.run_id IS NOT DISTINCT FROM le.run_id
           AND x.statement_id IS NOT DISTINCT FROM le.statement_id AND x.author_key IS NOT DISTINCT FROM le.author_key
         ORDER BY le.id LIMIT $1)
       SELECT (SELECT json_agg(x) FROM (SELECT ${LINE_SELECT} FROM missing LIMIT $1) x) AS missing,
              (SELECT json_agg(x) FROM extra_ids x) AS extra,
              (SELECT count(*)::int FROM missing) AS mc, (SELECT count(*)::int FROM extra) AS ec`,
      [limit],
    );
    return { missing: r.missing ?? [], extra: r.extra ?? [], missingCount: r.mc, extraCount: r.ec };
  }

  /** Groups whose entries do not sum to zero (the database refuses them at commit; a tampered entry shows here). */
  unbalancedGroups(db: Db = this.dataSource, limit = 50) {
    return rows<{ groupId: string; offMicros: string; entryIds: string[] }>(
      db,
      `SELECT group_id::text AS "groupId", sum(amount_micros)::text AS "offMicros", array_agg(id::text ORDER BY id) AS "entryIds"
       FROM ledger_entries GROUP BY group_id HAVING sum(amount_micros) <> 0 ORDER BY group_id LIMIT $1`,
      [limit],
    );
  }

  /** Each account's balance (debits − credits). */
  balances(db: Db = this.dataSource) {
    return rows<{ account: string; balanceMicros: string }>(
      db,
      `SELECT account, sum(amount_micros)::text AS "balanceMicros" FROM ledger_entries GROUP BY account ORDER BY account`,
    );
  }
}
