import { cents, col, money, type CsvColumn } from '../../components/csv';
import type { PayoutRun } from './index';

/** One row per run: its money, counts and who moved it along (its statements are their own export). */
export const payoutRunCsv: CsvColumn<PayoutRun>[] = [
  col('Run', (r) => r.id),
  col('Period', (r) => r.period),
  col('Status', (r) => r.status),
  col('Attempt', (r) => r.attempt),
  col('Parameters version', (r) => r.paramsVersion),
  money('Pool', (r) => r.poolMicros),
  money('Allocated', (r) => r.allocatedMicros),
  money('Unallocated', (r) => r.unallocatedMicros),
  money('Legacy referral credits', (r) => r.referralMicros),
  cents('Paid out', (r) => r.paidOutCents),
  col('Authors paid', (r) => r.paidAuthors),
  col('Members', (r) => r.memberCount),
  col('Member-author pairs', (r) => r.pairCount),
  col('Queued (UTC)', (r) => r.queuedAt),
  col('Started by', (r) => r.startedByEmail),
  col('Computed (UTC)', (r) => r.computedAt),
  col('Approved by', (r) => r.approvedByEmail),
  col('Approved (UTC)', (r) => r.approvedAt),
  col('Paid (UTC)', (r) => r.paidAt),
  col('Error', (r) => r.error),
];
