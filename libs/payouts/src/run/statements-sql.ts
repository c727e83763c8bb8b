import { FINAL_RUN_STATUSES_SQL, thresholdMicros } from '../payout-rules.js';
import { UNSETTLED_PAYOUT_STATES_SQL } from '../../../ledger/src/ledger-rules.js';
import { sqlInt } from '../../../core/src/database/sql.js';
import { RUN_RESULTS, type RunScope, periodBounds } from './earnings-sql.js';

/** Step 9 of spec/earnings.md (the author's statement and the payout threshold), after earnings-sql.ts's steps 1–8. */

const int = sqlInt;

/** The latest approved (or paid) run of a period before $1: where openings come from. */
export const basisRunSql = `SELECT id FROM payout_runs WHERE period < $1 AND status IN ${FINAL_RUN_STATUSES_SQL} ORDER BY period DESC LIMIT 1`;

/**
 * Step 9: statements. Opening = the carried amount of the author's statement in the latest
 * approved (or paid) run of an earlier period, plus every payout of an approved earlier run
 * back in the author's balance (failed, reversed, or released from an integrity hold) and
 * not taken back yet (the spec names only the latest run's failures; a transfer that bounces
 * later must not be lost either, and a released hold is paid by the next run). Authors: anyone
 * with story earnings, referral credits, adjustments or an opening balance. A statement
 * records the author's live integrity hold (the oldest), whose payout approval then holds.
 * Takes the period as $1.
 */
export function stepStatements(s: RunScope, runId: string): string {
  const { end } = periodBounds(s.period);
  const p = s.params;
  const r = s.results ?? RUN_RESULTS;
  return `WITH previous AS (${basisRunSql}), carried AS (
      SELECT st.author_key, st.run_id, st.carried_micros AS amount FROM statements st JOIN previous pr ON pr.id = st.run_id
    ), returned AS (
      SELECT st.author_key, sum(st.payout_cents * 10000)::bigint AS amount, array_agg(st.id ORDER BY st.id) AS ids
      FROM statements st JOIN payout_runs r ON r.id = st.run_id
      WHERE r.status IN ${FINAL_RUN_STATUSES_SQL} AND r.period < '${s.period}'
        AND st.payout_state IN ${UNSETTLED_PAYOUT_STATES_SQL} AND st.returned_by_run_id IS NULL
      GROUP BY st.author_key
    ), opening AS (${
      s.openings ??
      `SELECT coalesce(c.author_key, rt.author_key) AS author_key, c.run_id,
             coalesce(c.amount, 0) + coalesce(rt.amount, 0) AS amount, coalesce(rt.ids, '{}') AS returned_ids
      FROM carried c FULL JOIN returned rt ON rt.author_key = c.author_key`
    }
    ), earned AS (
      SELECT author_key, sum(earnings_micros)::bigint AS amount FROM ${r.storyEarnings} WHERE ${r.owner} = '${runId}' GROUP BY author_key
    ), referred AS (
      SELECT referrer_key AS author_key, sum(amount_micros)::bigint AS amount FROM referral_credits WHERE period = '${s.period}' GROUP BY referrer_key
    ), adjusted AS (
      SELECT author_key, sum(amount_micros)::bigint AS amount FROM adjustments WHERE period = '${s.period}' GROUP BY author_key
    ), authors AS (
      SELECT author_key FROM opening WHERE amount <> 0 UNION SELECT author_key FROM earned WHERE amount <> 0
      UNION SELECT author_key FROM referred UNION SELECT author_key FROM adjusted
    ), balances AS (
      SELECT au.author_key, op.run_id AS opening_run_id, coalesce(op.returned_ids, '{}') AS returned_ids, coalesce(op.amount, 0) AS opening, coalesce(ea.amount, 0) AS earned,
             coalesce(re.amount, 0) AS referred, coalesce(ad.amount, 0) AS adjusted,
             coalesce(op.amount, 0) + coalesce(ea.amount, 0) + coalesce(re.amount, 0) + coalesce(ad.amount, 0) AS balance,
             coalesce(pa.status = 'verified' AND pa.tax_status = 'verified', false) AS account_ready,
             NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.member_key = au.author_key AND (e.left_at IS NULL OR e.left_at > ${end} - interval '${int(p.forfeitAfterDays)} days'))
               AND EXISTS (SELECT 1 FROM enrollments e WHERE e.member_key = au.author_key) AS forfeit
      FROM authors au
      LEFT JOIN opening op ON op.author_key = au.author_key
      LEFT JOIN earned ea ON ea.author_key = au.author_key
      LEFT JOIN referred re ON re.author_key = au.author_key
      LEFT JOIN adjusted ad ON ad.author_key = au.author_key
      LEFT JOIN payout_accounts pa ON pa.member_key = au.author_key
    ), held AS (
      SELECT DISTINCT ON (author_key) author_key, decision_ref, reason FROM payout_holds
      WHERE released_at IS NULL AND forfeited_at IS NULL ORDER BY author_key, created_at, decision_ref
    ), decided AS (
      SELECT b.*, CASE
               WHEN b.forfeit AND b.balance > 0 THEN 'forfeited'
               WHEN b.balance < ${thresholdMicros(p.minPayoutCents)} THEN 'below_threshold'
               WHEN NOT b.account_ready THEN 'payout_account_not_ready'
               ELSE 'payable' END AS status
      FROM balances b
    )
    INSERT INTO ${r.statements} (${r.owner}, period, author_key, opening_micros, opening_run_id, returned_statement_ids, story_earnings_micros,
                            referral_earnings_micros, adjustments_micros, balance_micros, payout_cents, carried_micros,
                            forfeited_micros, status, hold_ref, hold_reason)
    SELECT '${runId}', '${s.period}', d.author_key, d.opening, d.opening_run_id, d.returned_ids, d.earned, d.referred, d.adjusted, d.balance,
           CASE WHEN d.status = 'payable' THEN d.balance / 10000 ELSE 0 END,
           CASE WHEN d.status = 'payable' THEN d.balance % 10000 WHEN d.status = 'forfeited' THEN 0 ELSE d.balance END,
           CASE WHEN d.status = 'forfeited' THEN d.balance ELSE 0 END,
           d.status, h.decision_ref, h.reason
    FROM decided d LEFT JOIN held h ON h.author_key = d.author_key`;
}
