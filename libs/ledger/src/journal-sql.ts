import { ACCOUNTS, approvalGroupSql, payoutEventGroupSql, payoutLocationSql } from './ledger-rules.js';

/** The columns a journal line has besides its id and time: what the rebuild compares. */
export const LINE_COLUMNS = 'group_id, run_id, statement_id, author_key, account, amount_micros, kind';

/**
 * The journal lines of approving the runs `runs` (a relation with id, period, pool_micros,
 * unallocated_micros): pool funded by dues, allocated to authors and unallocated; referral
 * credits, adjustments; payouts into transit and forfeitures out of the authors' balances.
 * A carried balance is what stays in the author's account. Set-based: one pass over the
 * runs' statements unpivots each into its author lines (each with the account its counter-
 * entry goes to); the counter-entries are those lines summed per run. Zero lines are left out.
 */
export function approvalLinesSql(runs: string): string {
  const g = approvalGroupSql('r.id');
  const payable = `s.status = 'payable' AND s.payout_cents > 0`;
  return `WITH r AS (${runs}),
    author_lines AS MATERIALIZED (
      SELECT r.id AS run_id, s.id AS statement_id, s.author_key, k.kind, k.amount, k.counter
      FROM r JOIN statements s ON s.run_id = r.id
      CROSS JOIN LATERAL (VALUES
        ('allocation', -s.story_earnings_micros, 'pool:' || r.period),
        ('referral_credit', -s.referral_earnings_micros, '${ACCOUNTS.referralCredits}'),
        ('adjustment', -s.adjustments_micros, '${ACCOUNTS.adjustments}'),
        ('payout', CASE WHEN ${payable} THEN s.payout_cents * 10000 ELSE 0 END, '${ACCOUNTS.inTransit}'),
        ('forfeit', s.forfeited_micros, '${ACCOUNTS.forfeited}')
      ) AS k (kind, amount, counter)
      WHERE k.amount <> 0),
    lines (${LINE_COLUMNS}) AS (
      SELECT ${g}, r.id, NULL::uuid, NULL::integer, '${ACCOUNTS.dues}', r.pool_micros, 'pool_funding' FROM r
      UNION ALL SELECT ${g}, r.id, NULL, NULL, 'pool:' || r.period, -r.pool_micros, 'pool_funding' FROM r
      UNION ALL SELECT ${g}, r.id, NULL, NULL, 'pool:' || r.period, r.unallocated_micros, 'unallocated' FROM r
      UNION ALL SELECT ${g}, r.id, NULL, NULL, '${ACCOUNTS.unallocated}', -r.unallocated_micros, 'unallocated' FROM r
      UNION ALL SELECT ${approvalGroupSql('a.run_id')}, a.run_id, a.statement_id, a.author_key, 'author:' || a.author_key, a.amount, a.kind
                FROM author_lines a
      UNION ALL SELECT ${approvalGroupSql('a.run_id')}, a.run_id, NULL, NULL, a.counter, -sum(a.amount)::bigint, a.kind
                FROM author_lines a GROUP BY a.run_id, a.kind, a.counter
    ) SELECT ${LINE_COLUMNS} FROM lines WHERE amount_micros <> 0`;
}

/** The two lines of each payout event in `events` (ledger_payout_events rows): from where its money was to where it is. */
export function payoutEventLinesSql(events: string): string {
  const g = payoutEventGroupSql('e.id::text');
  return `SELECT ${g}, e.run_id, e.statement_id, e.author_key, ${payoutLocationSql('e.from_state')}, e.amount_micros, 'payout_transition'
            FROM ${events} e
          UNION ALL
          SELECT ${g}, e.run_id, e.statement_id, e.author_key, ${payoutLocationSql('e.to_state')}, -e.amount_micros, 'payout_transition'
            FROM ${events} e`;
}

/** The final runs, as approvalLinesSql reads them. */
export const finalRunsSql = (where: string) =>
  `SELECT id, period, pool_micros, unallocated_micros FROM payout_runs WHERE status IN ('approved', 'paid') AND ${where}`;

/** The whole journal as the approved runs and the payout events derive it. */
export const rebuiltJournalSql = () => `${approvalLinesSql(finalRunsSql('true'))} UNION ALL ${payoutEventLinesSql('ledger_payout_events')}`;
