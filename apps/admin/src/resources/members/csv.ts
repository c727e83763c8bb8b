import type { Member } from '../../api';
import { col, yesNo, type CsvColumn } from '../../components/csv';

/** One row per member; memberships, charges and reading are on the member's page. */
export const memberCsv: CsvColumn<Member>[] = [
  col('Member id', (r) => r.id),
  col('Username', (r) => r.username),
  col('Name', (r) => r.name),
  col('Email', (r) => r.email),
  col('Country', (r) => r.country),
  col('Birth date', (r) => r.birthDate),
  col('Joined (UTC)', (r) => r.joinedAt),
  yesNo('Earnings excluded', (r) => r.earningsExcluded),
];
