import { col, yesNo, type CsvColumn } from '../../components/csv';
import { formatPercent } from '../../numbers';
import type { Nominator } from '../../api';

/** One row per nominator: every count the list and the page show. */
export const nominatorCsv: CsvColumn<Nominator>[] = [
  col('Member id', (r) => r.id),
  col('Name', (r) => r.name),
  col('Username', (r) => r.username),
  col('This month', (r) => r.nominationsThisMonth),
  col('Last 7 days', (r) => r.nominationsLast7Days),
  col('Total', (r) => r.totalNominations),
  col('Pending', (r) => r.pending),
  col('Boosted', (r) => r.boosted),
  col('Declined', (r) => r.declined),
  col('Refused', (r) => r.refused),
  col('Approval rate (boosted / decided)', (r) => (r.boosted + r.declined ? formatPercent(r.boosted, r.boosted + r.declined) : '')),
  yesNo('Good standing', (r) => r.goodStanding),
  col('Last nomination (UTC)', (r) => r.lastNominatedAt),
];
