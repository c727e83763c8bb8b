import * as csv from '../../components/csv';
import type { Statement } from './index';

/** One row per statement: its lines in dollars and µ$, and the rounding that makes the dollar lines add up to the balance. */
export const statementCsv: csv.CsvColumn<Statement>[] = [
  csv.col('Statement', (r) => r.id),
  csv.col('Period', (r) => r.period),
  csv.col('Author id', (r) => r.authorId),
  csv.col('Author', (r) => r.authorName),
  csv.col('Status', (r) => r.status),
  csv.col('Payout state', (r) => r.payoutState),
  csv.col('Payout state since (UTC)', (r) => r.payoutStateAt),
  csv.money('Opening balance', (r) => r.openingMicros),
  csv.money('Story earnings', (r) => r.storyEarningsMicros),
  csv.money('Legacy referral earnings', (r) => r.referralEarningsMicros),
  csv.money('Adjustments', (r) => r.adjustmentsMicros),
  csv.roundingColumn<Statement>(
    [(r) => r.openingMicros, (r) => r.storyEarningsMicros, (r) => r.referralEarningsMicros, (r) => r.adjustmentsMicros],
    (r) => r.balanceMicros,
  ),
  csv.money('Balance', (r) => r.balanceMicros),
  csv.cents('Payout', (r) => r.payoutCents),
  csv.money('Carried to next month', (r) => r.carriedMicros),
  csv.money('Forfeited', (r) => r.forfeitedMicros),
  csv.col('Run', (r) => r.runId),
];
