import { col, yesNo, type CsvColumn } from '../../components/csv';
import type { Boost } from '../../api';

/** One row per boost: the story, the window, who started and who ended it. */
export const boostCsv: CsvColumn<Boost>[] = [
  col('Boost', (r) => r.id),
  col('Story id', (r) => r.storyId),
  col('Story', (r) => r.storyTitle),
  col('Author id', (r) => r.authorId),
  col('Publication', (r) => r.publicationName),
  col('Source', (r) => r.source),
  col('State', (r) => r.state),
  col('Starts (UTC)', (r) => r.startsAt),
  col('Ends (UTC)', (r) => r.endsAt),
  col('Scheduled end (UTC)', (r) => r.scheduledEndsAt),
  yesNo('Ended early', (r) => r.endedEarly),
  col('Ended (UTC)', (r) => r.endedAt),
  col('Boosted by', (r) => r.boostedByEmail),
  col('Boost reason', (r) => r.boostReason),
  col('Ended by', (r) => r.endedByEmail),
  col('End reason', (r) => r.endReason),
  col('Nomination', (r) => r.nominationId),
];
