import { col, money, type CsvColumn } from '../../components/csv';
import type { Adjustment } from '../../api';

export const adjustmentCsv: CsvColumn<Adjustment>[] = [
  col('Adjustment', (r) => r.id),
  col('Period', (r) => r.period),
  col('Author id', (r) => r.authorId),
  col('Author', (r) => r.authorName),
  money('Amount', (r) => r.amountMicros),
  col('Reason', (r) => r.reason),
  col('Created by', (r) => r.createdByEmail),
  col('Created (UTC)', (r) => r.createdAt),
];
