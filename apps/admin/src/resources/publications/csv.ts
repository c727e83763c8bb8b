import type { Publication } from '../../api';
import { col, type CsvColumn } from '../../components/csv';

export const publicationCsv: CsvColumn<Publication>[] = [
  col('Publication id', (r) => r.id),
  col('Publication', (r) => r.name),
  col('Stories', (r) => r.storyCount),
];
