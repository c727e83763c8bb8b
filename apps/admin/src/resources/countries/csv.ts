import { col, yesNo, type CsvColumn } from '../../components/csv';
import type { Country } from '../../api';

export const countryCsv: CsvColumn<Country>[] = [
  col('Code', (r) => r.code),
  col('Country', (r) => r.name),
  yesNo('Payable', (r) => r.payable),
  col('Date added', (r) => r.dateAdded),
];
