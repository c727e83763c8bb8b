import { col, list, type CsvColumn } from '../../components/csv';
import type { SavedReply } from '../../api';

export const savedReplyCsv: CsvColumn<SavedReply>[] = [
  col('Saved reply', (r) => r.id),
  col('Title', (r) => r.title),
  col('Category', (r) => r.category ?? 'any'),
  list('Placeholders', (r) => r.placeholders),
  col('Updated (UTC)', (r) => r.updatedAt),
  col('Text', (r) => r.body),
];
