import { col, yesNo, type CsvColumn } from '../../components/csv';
import type { Story } from '../../api';

/** One row per story (its boosts and nominations are their own lists). */
export const storyCsv: CsvColumn<Story>[] = [
  col('Story', (r) => r.id),
  col('Title', (r) => r.title),
  col('Author id', (r) => r.authorId),
  col('Author', (r) => r.authorName),
  col('Publication id', (r) => r.publicationId),
  col('Publication', (r) => r.publicationName),
  col('Status', (r) => r.status),
  col('Published (UTC)', (r) => r.publishedAt),
  yesNo('Members only', (r) => r.membersOnly),
  yesNo('AI disclosed', (r) => r.aiDisclosed),
  col('Language', (r) => r.language),
];
