import { ACCOUNTS, approvalGroupSql, payoutEventGroupSql, payoutLocationSql } from './ledger-rules.js';

/** The columns a journal line has besides its id and time: what the rebuild compares. */
export const LINE_COLUMNS = 'group_id, run_id, statement_id, author_key, account, amount_micros, kind';

/**
 * The journal lines of approving the runs `runs` (a relation with id, period, pool_micros,
 * unallocated_micros): pool funded by dues, allocated to authors and unallocated; referral
 * credits, adjustments; payouts into transit and forfeitures out of the authors' balances.
 * A carried balance is what stays in the author's account. Set-based: one pass over the
 * runs' statements, the counter-entries summed per run. Zero lines are left out.
 */
export function approvalLinesSql(runs: string): string {
  const g = approvalGroupSql('r.id');
  const author = `'author:' || s.author_key`;
  const perAuthor = (amount: string, kind: string, where = 'true') =>
    `SELECT ${g}, r.id, s.id, s.author_key, ${author}, ${amount}, '${kind}' FROM r JOIN statements s ON s.run_id = r.id WHERE ${where}`;
  const counter = (account: string, amount: string, kind: string, where = 'true') =>
    `SELECT ${g}, r.id, NULL::uuid, NULL::integer, '${account}', sum(${amount})::bigint, '${kind}'
     FROM r JOIN statements s ON s.run_id = r.id WHERE ${where} GROUP BY r.id`;
  const payable = `s.status = 'payable' AND s.payout_cents > 0`;
  return `WITH r AS (${runs}), lines (${LINE_COLUMNS}) AS (
      SELECT ${g}, r.id, NULL::uuid, NULL::integer, '${ACCOUNTS.dues}', r.pool_micros, 'pool_funding' FROM r
      UNION ALL SELECT ${g}, r.id, NULL, NULL, 'pool:' || r.period, -r.pool_micros, 'pool_funding' FROM r
      UNION ALL SELECT ${g}, r.id, NULL, NULL, 'pool:' || r.period, r.unallocated_micros, 'unallocated' FROM r
      UNION ALL SELECT ${g}, r.id, NULL, NULL, '${ACCOUNTS.unallocated}', -r.unallocated_micros, 'unallocated' FROM r
      UNION ALL ${perAuthor('-s.story_earnings_micros', 'allocation')}
      UNION ALL SELECT ${g}, r.id, NULL, NULL, 'pool:' || r.period, sum(s.story_earnings_micros)::bigint, 'allocation'
                FROM r JOIN statements s ON s.run_id = r.id GROUP BY r.id, r.period
      UNION ALL ${perAuthor('-s.referral_earnings_micros', 'referral_credit')}
      UNION ALL ${counter(ACCOUNTS.referralCredits, 's.referral_earnings_micros', 'referral_credit')}
      UNION ALL ${perAuthor('-s.adjustments_micros', 'adjustment')}
      UNION ALL ${counter(ACCOUNTS.adjustments, 's.adjustments_micros', 'adjustment')}
      UNION ALL ${perAuthor('s.payout_cents * 10000', 'payout', payable)}
      UNION ALL ${counter(ACCOUNTS.inTransit, '-s.payout_cents * 10000', 'payout', payable)}
      UNION ALL ${perAuthor('s.forfeited_micros', 'forfeit')}
      UNION ALL ${counter(ACCOUNTS.forfeited, '-s.forfeited_micros', 'forfeit')}
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
