import { col, yesNo, type CsvColumn } from '../../components/csv';
import { formatBpsPercent } from '../../numbers';
import type { Nomination } from '../../api';

/** One row per nomination: the story, who nominated it, its numbers and the decision. */
export const nominationCsv: CsvColumn<Nomination>[] = [
  col('Nomination', (r) => r.id),
  col('Nominated (UTC)', (r) => r.nominatedAt),
  col('Status', (r) => r.status),
  col('Story id', (r) => r.storyId),
  col('Story', (r) => r.storyTitle),
  col('Story published (UTC)', (r) => r.storyPublishedAt),
  col('Story age (days)', (r) => r.storyAgeDays),
  col('Author id', (r) => r.authorId),
  col('Author', (r) => r.authorName),
  yesNo('Author is a partner', (r) => r.authorIsPartner),
  col('Publication id', (r) => r.publicationId),
  col('Publication', (r) => r.publicationName),
  col('Nominator id', (r) => r.nominatorId),
  col('Nominator', (r) => r.nominatorName),
  col('Views', (r) => r.views),
  col('Reads', (r) => r.reads),
  col('Read ratio', (r) => (r.readRatioBps === undefined ? '' : formatBpsPercent(r.readRatioBps))),
  col('Refusal reason', (r) => r.refusalReason),
  col('Decline reason', (r) => r.declineReason),
  col('Note', (r) => r.note),
  col('Decided by', (r) => r.decidedByEmail),
  col('Decided (UTC)', (r) => r.decidedAt),
  col('Boost', (r) => r.boostId),
];
