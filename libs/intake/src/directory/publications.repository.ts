import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPage } from '../../../core/src/database/list-page.js';
import { one, rows } from '../../../core/src/database/sql.js';
import type { ListSpec } from '../../../core/src/http/list-query.js';
import type { PublicationStory, PublicationView } from './directory.dto.js';

export const PUBLICATION_LIST: ListSpec = {
  resource: 'publications',
  key: 'p.id',
  defaultSort: ['name', 'ASC'],
  sort: { id: 'p.id', name: 'p.name' },
  filters: { id: { column: 'p.id', type: 'text' } },
  search: ['p.id', 'p.name'],
  notNull: ['id', 'name'],
};

const COLUMNS = `p.id, p.name, (SELECT count(*)::int FROM stories s WHERE s.publication_key = p.key) AS "storyCount"`;

/** The publications the reading platform sent, with their stories. */
@Injectable()
export class PublicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(query: Record<string, unknown>) {
    return queryPage<PublicationView>(this.dataSource, PUBLICATION_LIST, query, { select: COLUMNS, from: 'publications p' });
  }

  find(id: string): Promise<(PublicationView & { key: number }) | undefined> {
    return one(this.dataSource, `SELECT ${COLUMNS}, p.key FROM publications p WHERE p.id = $1`, [id]);
  }

  /** The publication's latest stories (at most `limit`; the stories list filters by publicationId for all). */
  stories(publicationKey: number, limit: number): Promise<PublicationStory[]> {
    return rows(
      this.dataSource,
      `SELECT s.id, s.title, a.id AS "authorId", a.name AS "authorName", s.status, s.published_at AS "publishedAt",
              s.members_only AS "membersOnly"
       FROM stories s JOIN members a ON a.key = s.author_key
       WHERE s.publication_key = $1 ORDER BY s.published_at DESC NULLS LAST, s.id LIMIT $2`,
      [publicationKey, limit],
    );
  }
}
