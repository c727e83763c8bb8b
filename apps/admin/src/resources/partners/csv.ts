import { col, type CsvColumn } from '../../components/csv';
import type { Partner } from '../../api';

/** One row per partner (the status history is on the partner's page). */
export const partnerCsv: CsvColumn<Partner>[] = [
  col('Partner', (r) => r.id),
  col('Member id', (r) => r.memberId),
  col('Username', (r) => r.username),
  col('Name', (r) => r.name),
  col('Email', (r) => r.email),
  col('Country', (r) => r.country),
  col('Status', (r) => r.status),
  col('Status reason', (r) => r.statusReason),
  col('Status since (UTC)', (r) => r.statusChangedAt),
  col('Enrolled (UTC)', (r) => r.enrolledAt),
  col('Left (UTC)', (r) => r.leftAt),
  col('Enrollment', (r) => r.enrollmentId),
];
