import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPage } from '../../core/src/database/list-page.js';
import { one } from '../../core/src/database/sql.js';
import { badInput, notFound } from '../../core/src/http/errors.js';
import type { ListSpec } from '../../core/src/http/list-query.js';
import { absMicros, micros, sum, toJson } from '../../core/src/money/money.js';
import { entryCause } from './entry-causes.js';
import { ACCOUNTS, ENTRY_KINDS, payoutEventGroupSql, UNSETTLED_PAYOUT_STATES_SQL } from './ledger-rules.js';

export const ENTRIES: ListSpec = {
  resource: 'author-ledger-entries',
  key: 'e.id',
  defaultSort: ['id', 'DESC'],
  sort: { id: 'e.id', createdAt: 'e.created_at', amountMicros: 'e.amount_micros', period: 'e.period', kind: 'e.kind' },
  filters: {
    authorId: { column: 'e.author_id', type: 'text' },
    id: { column: 'e.id', type: 'bigint' },
    kind: { column: 'e.kind', type: 'text', values: ENTRY_KINDS },
    runId: { column: 'e.run_id', type: 'uuid' },
    statementId: { column: 'e.statement_id', type: 'uuid' },
    period: { column: 'e.period', type: 'period' },
    createdAt: { column: 'e.created_at', type: 'timestamp' },
  },
  notNull: ['id', 'createdAt', 'amountMicros', 'kind'],
};

/** The author's account lines with their running balance (what the program owes them after each line). */
const entriesOf = (authorKey: number) => `(
  SELECT le.id, le.group_id, le.run_id, r.period, le.statement_id, le.kind, le.account, le.amount_micros, le.created_at,
         -sum(le.amount_micros) OVER (ORDER BY le.id) AS balance_micros, (SELECT m.id FROM members m WHERE m.key = ${authorKey}) AS author_id,
         CASE WHEN le.kind IN ('payout', 'payout_transition') THEN s.payout_state END AS payout_state, s.status AS statement_status, ev.id AS event_id, ev.from_state, ev.to_state, ev.source AS event_source
  FROM ledger_entries le
  LEFT JOIN payout_runs r ON r.id = le.run_id
  LEFT JOIN statements s ON s.id = le.statement_id
  LEFT JOIN ledger_payout_events ev ON le.kind = 'payout_transition' AND ev.statement_id = le.statement_id
    AND le.group_id = ${payoutEventGroupSql('ev.id::text')}
  WHERE le.author_key = ${authorKey} AND le.account = '${ACCOUNTS.author(authorKey)}') e`; // author_key: the index (author_key, id)

const ENTRY_COLUMNS = `e.id::text AS id, e.group_id::text AS "groupId", e.run_id::text AS "runId", e.period, e.statement_id::text AS "statementId",
  e.kind, e.account, e.amount_micros::text AS "amountMicros", e.balance_micros::text AS "balanceMicros", e.created_at AS "createdAt",
  e.author_id AS "authorId", e.payout_state AS "payoutState", e.statement_status AS "statementStatus", e.event_id::text AS "payoutEventId",
  e.from_state AS "fromState", e.to_state AS "toState", e.event_source AS "eventSource"`;

/** A ledger line as the API gives it: signed amount (debit > 0), debit and credit, running balance, integers in µ$. */
function entryView(row: Record<string, unknown>) {
  const amount = micros(row.amountMicros as string);
  return {
    ...row,
    cause: entryCause({
      kind: row.kind as string,
      period: row.period as string | null,
      fromState: row.fromState as string,
      toState: row.toState as string,
    }),
    amountMicros: toJson(amount),
    debitMicros: toJson(amount > 0n ? amount : 0n),
    creditMicros: toJson(amount < 0n ? absMicros(amount) : 0n),
    balanceMicros: toJson(micros(row.balanceMicros as string)),
  };
}

/** The filter's authorId (required: an author's ledger is one account). */
function authorIdOf(query: Record<string, unknown>): string {
  let filter: unknown;
  try {
    filter = typeof query.filter === 'string' ? JSON.parse(query.filter) : undefined;
  } catch {
    filter = undefined;
  }
  const id = (filter as Record<string, unknown> | undefined)?.authorId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw badInput('filter authorId is required: the member id whose ledger to list', [
      { field: 'filter.authorId', message: 'is required (a member id)' },
    ]);
  return id;
}

/** An author's ledger: their account's entries with cause and running balance, and its summary. */
@Injectable()
export class AuthorLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async author(authorId: string) {
    const a = await one<{ key: number; id: string; name: string | null }>(
      this.dataSource,
      `SELECT key, id, name FROM members WHERE id = $1`,
      [authorId],
    );
    if (!a) throw notFound('author', authorId);
    return a;
  }

  async listEntries(query: Record<string, unknown>) {
    const a = await this.author(authorIdOf(query));
    return queryPage(this.dataSource, ENTRIES, query, { select: ENTRY_COLUMNS, from: entriesOf(a.key), map: entryView });
  }

  /**
   * The author's balance in the ledger beside what the statements say it is: the latest final
   * statement's carried amount plus payouts back in the balance (failed, reversed, released from
   * a hold) that no later run took back.
   */
  async summary(authorId: string) {
    const a = await this.author(authorId);
    const row = await one<Record<string, string | number | null>>(
      this.dataSource,
      `WITH latest AS (
         SELECT s.id, s.period, s.carried_micros FROM statements s JOIN payout_runs r ON r.id = s.run_id
         WHERE s.author_key = $1 AND r.status IN ('approved', 'paid') ORDER BY r.period DESC LIMIT 1)
       SELECT (SELECT coalesce(-sum(amount_micros), 0)::text FROM ledger_entries WHERE author_key = $1 AND account = $2) AS "balanceMicros",
              (SELECT count(*)::int FROM ledger_entries WHERE author_key = $1 AND account = $2) AS "entryCount",
              (SELECT id::text FROM latest) AS "latestStatementId", (SELECT period FROM latest) AS "latestPeriod",
              (SELECT carried_micros::text FROM latest) AS "carriedMicros",
              (SELECT coalesce(sum(s.payout_cents * 10000), 0)::text FROM statements s JOIN payout_runs r ON r.id = s.run_id
               WHERE s.author_key = $1 AND r.status IN ('approved', 'paid') AND s.payout_state IN ${UNSETTLED_PAYOUT_STATES_SQL}
                 AND s.returned_by_run_id IS NULL) AS "unsettledMicros"`,
      [a.key, ACCOUNTS.author(a.key)],
    );
    const balance = micros(row!.balanceMicros as string);
    const carried = micros((row!.carriedMicros as string | null) ?? 0);
    const unsettled = micros(row!.unsettledMicros as string);
    return {
      id: a.id,
      authorId: a.id,
      authorName: a.name,
      balanceMicros: toJson(balance),
      entryCount: row!.entryCount,
      latestStatement: row!.latestStatementId
        ? { id: row!.latestStatementId, period: row!.latestPeriod, carriedMicros: toJson(carried) }
        : null,
      unsettledMicros: toJson(unsettled),
      statementsMicros: toJson(sum([carried, unsettled])),
      /** The integrity check for this author: the ledger balance is what the statements say. */
      matchesStatements: balance === sum([carried, unsettled]),
    };
  }
}
