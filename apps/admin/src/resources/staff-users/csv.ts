import { col, list, yesNo, type CsvColumn } from '../../components/csv';
import type { StaffUser } from '../../api';

export const staffUserCsv: CsvColumn<StaffUser>[] = [
  col('Staff account', (r) => r.id),
  col('Email', (r) => r.email),
  col('Name', (r) => r.name),
  list('Roles', (r) => r.roles),
  yesNo('Disabled', (r) => r.disabled),
  col('Created (UTC)', (r) => r.createdAt),
  col('Updated (UTC)', (r) => r.updatedAt),
];
