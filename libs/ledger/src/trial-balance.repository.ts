import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPage } from '../../core/src/database/list-page.js';
import { rows } from '../../core/src/database/sql.js';
import { badInput, notFound } from '../../core/src/http/errors.js';
import type { ListSpec } from '../../core/src/http/list-query.js';
import { absMicros, micros, sum, toJson, type Micros } from '../../core/src/money/money.js';
import { isPeriod } from '../../core/src/period/period.js';
import { AUTHORS_ACCOUNT, trialBalanceAccountSql } from './trial-balance-accounts.js';

export const PERIODS: ListSpec = {
  resource: 'trial-balances',
  key: 'tb.period',
  defaultSort: ['period', 'DESC'],
  sort: { period: 'tb.period' },
  filters: { period: { column: 'tb.period', type: 'period' }, id: { column: 'tb.period', type: 'period' } },
  notNull: ['period'],
};
/** Per period (its runs' entries): debits, credits, how many entries and accounts. */
const PERIODS_FROM = `(
  SELECT r.period, coalesce(sum(le.amount_micros) FILTER (WHERE le.amount_micros > 0), 0) AS debits,
         coalesce(-sum(le.amount_micros) FILTER (WHERE le.amount_micros < 0), 0) AS credits,
         count(*)::int AS entries, count(DISTINCT ${trialBalanceAccountSql('le.account')})::int AS accounts
  FROM ledger_entries le JOIN payout_runs r ON r.id = le.run_id GROUP BY r.period) tb`;
const PERIOD_COLUMNS = `tb.period AS id, tb.period, tb.debits::text AS "debitsMicros", tb.credits::text AS "creditsMicros",
  tb.entries AS "entryCount", tb.accounts AS "accountCount"`;

const j = (v: Micros) => toJson(v);

/**
 * The trial balance of a period: the entries of the period's runs (their approval and every
 * later event of their payouts). Per account: the opening balance (earlier periods), the
 * period's debits and credits, the closing balance; the authors' accounts as one line.
 */
@Injectable()
export class TrialBalanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  listPeriods(query: Record<string, unknown>) {
    return queryPage(this.dataSource, PERIODS, query, {
      select: PERIOD_COLUMNS,
      from: PERIODS_FROM,
      map: (r) => ({
        ...r,
        debitsMicros: j(micros(r.debitsMicros as string)),
        creditsMicros: j(micros(r.creditsMicros as string)),
        balanced: r.debitsMicros === r.creditsMicros,
      }),
    });
  }

  async period(period: string) {
    if (!isPeriod(period)) throw badInput('period must be YYYY-MM', [{ field: 'period', message: 'must be a period YYYY-MM' }]);
    const found = await rows<{
      account: string;
      authors: number;
      opening: string;
      debits: string;
      credits: string;
      closing: string;
      inPeriod: number;
    }>(
      this.dataSource,
      `SELECT ${trialBalanceAccountSql('le.account')} AS account, count(DISTINCT le.author_key)::int AS authors,
              coalesce(sum(le.amount_micros) FILTER (WHERE r.period < $1), 0)::text AS opening,
              coalesce(sum(le.amount_micros) FILTER (WHERE r.period = $1 AND le.amount_micros > 0), 0)::text AS debits,
              coalesce(-sum(le.amount_micros) FILTER (WHERE r.period = $1 AND le.amount_micros < 0), 0)::text AS credits,
              sum(le.amount_micros)::text AS closing, count(*) FILTER (WHERE r.period = $1)::int AS "inPeriod"
       FROM ledger_entries le JOIN payout_runs r ON r.id = le.run_id
       WHERE r.period <= $1 GROUP BY 1 ORDER BY 1`,
      [period],
    );
    if (!found.some((a) => a.inPeriod > 0)) throw notFound('trial balance of period', period);
    const accounts = found.map((a) => {
      const [opening, debits, credits, closing] = [a.opening, a.debits, a.credits, a.closing].map(micros);
      return {
        account: a.account,
        authorCount: a.account === AUTHORS_ACCOUNT ? a.authors : null,
        entryCount: a.inPeriod,
        opening,
        debits,
        credits,
        closing,
      };
    });
    const total = (f: (a: (typeof accounts)[number]) => Micros) => sum(accounts.map(f));
    const debits = total((a) => a.debits);
    const credits = total((a) => a.credits);
    const closingDebits = total((a) => (a.closing > 0n ? a.closing : 0n));
    const closingCredits = total((a) => (a.closing < 0n ? absMicros(a.closing) : 0n));
    const totals = {
      openingMicros: j(total((a) => a.opening)),
      debitsMicros: j(debits),
      creditsMicros: j(credits),
      closingMicros: j(total((a) => a.closing)),
      closingDebitMicros: j(closingDebits),
      closingCreditMicros: j(closingCredits),
    };
    return {
      id: period,
      period,
      accounts: accounts.map((a) => ({
        id: a.account,
        account: a.account,
        authorCount: a.authorCount,
        entryCount: a.entryCount,
        openingMicros: j(a.opening),
        debitsMicros: j(a.debits),
        creditsMicros: j(a.credits),
        closingMicros: j(a.closing),
      })),
      totals,
      /** Debits equal credits, and the closing balances sum to zero. */
      balanced: debits === credits && closingDebits === closingCredits,
    };
  }
}
