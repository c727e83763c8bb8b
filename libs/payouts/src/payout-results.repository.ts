import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPage } from '../../core/src/database/list-page.js';
import { one } from '../../core/src/database/sql.js';
import { notFound } from '../../core/src/http/errors.js';
import type { ListSpec } from '../../core/src/http/list-query.js';
import { PAYOUT_STATES, RUN_STATUSES, STATEMENT_STATUSES } from './payout-rules.js';
import { RUN_MONEY, STATEMENT_MONEY, storyEarningsView, withMoney } from './payouts.read.js';

const PERIOD = { column: 'period', type: 'period' } as const;

export const RUNS: ListSpec = {
  resource: 'payout-runs',
  key: 'r.id',
  defaultSort: ['period', 'DESC'],
  sort: { period: 'r.period', status: 'r.status', queuedAt: 'r.queued_at', computedAt: 'r.computed_at', poolMicros: 'r.pool_micros' },
  filters: {
    id: { column: 'r.id', type: 'uuid' },
    status: { column: 'r.status', type: 'text', values: RUN_STATUSES },
    period: { ...PERIOD, column: 'r.period' },
  },
};
const RUN_COLUMNS = `r.id, r.period, r.status, r.attempt, r.progress, r.params, r.params_version AS "paramsVersion",
  r.pool_micros::text AS "poolMicros", r.allocated_micros::text AS "allocatedMicros", r.unallocated_micros::text AS "unallocatedMicros",
  r.referral_micros::text AS "referralMicros", r.member_count AS "memberCount", r.pair_count AS "pairCount",
  r.started_by AS "startedBy", sb.email AS "startedByEmail", r.approved_by AS "approvedBy", ab.email AS "approvedByEmail",
  r.paid_by AS "paidBy", r.queued_at AS "queuedAt", r.started_at AS "startedAt", r.computed_at AS "computedAt",
  r.approved_at AS "approvedAt", r.paid_at AS "paidAt", r.error, r.decision_refs AS "decisionRefs",
  (SELECT coalesce(sum(sm.payout_cents), 0)::text FROM statements sm WHERE sm.run_id = r.id AND sm.payout_state IN ('pending', 'transferred')) AS "paidOutCents",
  (SELECT count(*)::int FROM statements sm WHERE sm.run_id = r.id AND sm.payout_state IN ('pending', 'transferred')) AS "paidAuthors"`;
const RUN_FROM = `payout_runs r LEFT JOIN staff_users sb ON sb.id = r.started_by LEFT JOIN staff_users ab ON ab.id = r.approved_by`;

export const STORY_EARNINGS: ListSpec = {
  resource: 'story-earnings',
  key: 'se.id',
  defaultSort: ['earningsMicros', 'DESC'],
  sort: {
    earningsMicros: 'se.earnings_micros',
    views: 'se.views',
    reads: 'se.reads',
    memberReads: 'se.member_reads',
    memberReadingSeconds: 'se.member_reading_seconds',
    storyId: 'st.id',
    boostBonusMicros: 'se.boost_bonus_micros',
  },
  filters: {
    id: { column: 'se.id', type: 'bigint' },
    runId: { column: 'se.run_id', type: 'uuid' },
    authorId: { column: 'au.id', type: 'text' },
    storyId: { column: 'st.id', type: 'text' },
    period: { ...PERIOD, column: 'r.period' },
  },
  search: ['st.title', 'st.id', 'au.id'],
  notNull: ['earningsMicros', 'views', 'reads', 'memberReads', 'memberReadingSeconds', 'storyId', 'boostBonusMicros'],
};
const STORY_COLUMNS = `se.id::text AS id, se.run_id AS "runId", r.period, st.id AS "storyId", st.title AS "storyTitle", au.id AS "authorId",
  au.name AS "authorName", se.earnings_micros::text AS "earningsMicros", se.reading_time_micros::text AS "readingTimeMicros",
  se.engagement_micros::text AS "engagementMicros", se.read_ratio_adjustment_micros::text AS "readRatioAdjustmentMicros",
  se.follower_bonus_micros::text AS "followerBonusMicros", se.boost_bonus_micros::text AS "boostBonusMicros",
  se.views, se.reads, se.read_ratio_adjustment_bps AS "readRatioAdjustmentBps", se.member_reads AS "memberReads",
  se.member_reading_seconds::text AS "memberReadingSeconds", se.clappers, se.highlighters, se.repliers,
  se.new_follows AS "newFollows", se.follower_readers AS "followerReaders", se.boosted_readers AS "boostedReaders"`;
const STORY_FROM = `story_earnings se JOIN payout_runs r ON r.id = se.run_id JOIN stories st ON st.key = se.story_key JOIN members au ON au.key = se.author_key`;

export const STATEMENTS: ListSpec = {
  resource: 'statements',
  key: 'sm.id',
  defaultSort: ['balanceMicros', 'DESC'],
  sort: { balanceMicros: 'sm.balance_micros', payoutCents: 'sm.payout_cents', authorId: 'au.id', period: 'sm.period', status: 'sm.status' },
  filters: {
    id: { column: 'sm.id', type: 'uuid' },
    runId: { column: 'sm.run_id', type: 'uuid' },
    authorId: { column: 'au.id', type: 'text' },
    period: { ...PERIOD, column: 'sm.period' },
    status: { column: 'sm.status', type: 'text', values: STATEMENT_STATUSES },
    payoutState: { column: 'sm.payout_state', type: 'text', values: PAYOUT_STATES },
  },
  search: ['au.id', 'au.name'],
  notNull: ['balanceMicros', 'payoutCents', 'authorId', 'period', 'status'],
};
const STATEMENT_COLUMNS = `sm.id, sm.run_id AS "runId", r.status AS "runStatus", sm.period, au.id AS "authorId", au.name AS "authorName",
  sm.opening_micros::text AS "openingMicros", sm.opening_run_id AS "openingRunId", sm.returned_statement_ids AS "returnedStatementIds", sm.story_earnings_micros::text AS "storyEarningsMicros",
  sm.referral_earnings_micros::text AS "referralEarningsMicros", sm.adjustments_micros::text AS "adjustmentsMicros",
  sm.balance_micros::text AS "balanceMicros", sm.payout_cents::text AS "payoutCents", sm.carried_micros::text AS "carriedMicros",
  sm.forfeited_micros::text AS "forfeitedMicros", sm.status, sm.payout_state AS "payoutState", sm.payout_state_at AS "payoutStateAt",
  sm.payout_failure_code AS "payoutFailureCode", sm.hold_ref AS "holdRef", sm.hold_reason AS "holdReason"`;
const STATEMENT_FROM = `statements sm JOIN payout_runs r ON r.id = sm.run_id JOIN members au ON au.key = sm.author_key`;

/** The read side of payouts: runs, story earnings, statements (lists in the simple REST dialect). */
@Injectable()
export class PayoutResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private list(
    spec: ListSpec,
    select: string,
    from: string,
    query: Record<string, unknown>,
    map: (row: Record<string, unknown>) => Record<string, unknown>,
    base?: string,
  ) {
    return queryPage(this.dataSource, spec, query, { select, from, map, base });
  }

  listRuns(query: Record<string, unknown>) {
    return this.list(RUNS, RUN_COLUMNS, RUN_FROM, query, (row) => withMoney(row, RUN_MONEY));
  }

  /** `db`: a transaction that must see its own writes (the run it just started). */
  async getRun(id: string, db: DataSource | EntityManager = this.dataSource) {
    const row = await one(db, `SELECT ${RUN_COLUMNS} FROM ${RUN_FROM} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('payout run', id);
    return withMoney(row, RUN_MONEY);
  }

  listStoryEarnings(query: Record<string, unknown>) {
    return this.list(STORY_EARNINGS, STORY_COLUMNS, STORY_FROM, query, storyEarningsView, 'story_earnings se');
  }

  async getStoryEarning(id: string) {
    if (!/^\d+$/.test(id)) throw notFound('story earnings', id);
    const row = await one(this.dataSource, `SELECT ${STORY_COLUMNS} FROM ${STORY_FROM} WHERE se.id = $1`, [id]);
    if (!row) throw notFound('story earnings', id);
    return storyEarningsView(row);
  }

  listStatements(query: Record<string, unknown>) {
    return this.list(STATEMENTS, STATEMENT_COLUMNS, STATEMENT_FROM, query, (row) => withMoney(row, STATEMENT_MONEY), 'statements sm');
  }

  async getStatement(id: string) {
    const row = await one(this.dataSource, `SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENT_FROM} WHERE sm.id = $1`, [id]);
    if (!row) throw notFound('statement', id);
    return withMoney(row, STATEMENT_MONEY);
  }
}
