import { col, list, yesNo, type CsvColumn } from '../../components/csv';
import { CHECK_LABELS } from './constants';
import type { Application } from '../../api';

/** One row per application: who applied, the decision, and the failing checks by name (each check's evidence is on the page). */
export const applicationCsv: CsvColumn<Application>[] = [
  col('Application', (r) => r.id),
  col('Submitted (UTC)', (r) => r.submittedAt),
  col('Member id', (r) => r.memberId),
  col('Username', (r) => r.memberUsername),
  col('Name', (r) => r.memberName),
  col('Country', (r) => r.country),
  col('Status', (r) => r.status),
  yesNo('Eligible', (r) => r.eligible),
  list('Failing checks', (r) => (r.failingChecks ?? []).map((c) => CHECK_LABELS[c] ?? c)),
  col('Checked (UTC)', (r) => r.checkedAt),
  col('Decided by', (r) => r.decidedByEmail),
  col('Decided (UTC)', (r) => r.decidedAt),
  col('Reject reason', (r) => r.rejectReason),
  col('Note', (r) => r.note),
  col('Enrollment', (r) => r.enrollmentId),
];
