import { col, type CsvColumn } from '../../components/csv';
import type { Ticket } from './index';

/** One row per ticket; the member's message last (it may run over several lines; the notes are on the ticket's page). */
export const ticketCsv: CsvColumn<Ticket>[] = [
  col('Ticket', (r) => r.id),
  col('Opened (UTC)', (r) => r.createdAt),
  col('Status', (r) => r.status),
  col('Category', (r) => r.category),
  col('Subject', (r) => r.subject),
  col('Member id', (r) => r.memberId),
  col('Member', (r) => r.memberName),
  col('Username', (r) => r.memberUsername),
  col('Story id', (r) => r.storyId),
  col('Story', (r) => r.storyTitle),
  col('Period', (r) => r.period),
  col('Assignee', (r) => r.assigneeEmail),
  col('Age (days)', (r) => r.ageDays),
  col('Source', (r) => r.source),
  col('Resolution', (r) => r.resolution),
  col('Resolved (UTC)', (r) => r.resolvedAt),
  col('Updated (UTC)', (r) => r.updatedAt),
  col('Message', (r) => r.body),
];
