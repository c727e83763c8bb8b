import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { listTotal } from '../../core/src/database/list-total.js';
import { pageSql } from '../../core/src/database/list-page.js';
import { one, Page, rows, type ListQuery } from '../../core/src/index.js';
import { publishedWithinSixMonths } from './sql-fragments.js';

export interface StoryView {
  id: string;
  title: string;
  authorId: string;
  authorName: string;
  publicationId: string | null;
  publicationName: string | null;
  status: string;
  publishedAt: Date | null;
  membersOnly: boolean;
  aiDisclosed: boolean;
  language: string;
}

/** The facts the story rules look at, at now (for a curator's boost). */
export interface StoryFacts {
  key: number;
  id: string;
  published: boolean;
  recent: boolean;
  aiDisclosed: boolean;
  boosted: boolean;
  /** Another nomination of the story is pending or declined. */
  nominated: boolean;
}

const VIEW_TABLES = `stories s
  LEFT JOIN members a ON a.key = s.author_key
  LEFT JOIN publications p ON p.key = s.publication_key`;
const VIEW_FROM = `FROM ${VIEW_TABLES}`;

const VIEW_COLUMNS = `s.id, s.title, a.id AS "authorId", a.name AS "authorName", p.id AS "publicationId", p.name AS "publicationName",
  s.status, s.published_at AS "publishedAt", s.members_only AS "membersOnly", s.ai_disclosed AS "aiDisclosed", s.language`;

@Injectable()
export class StoriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListQuery): Promise<Page<StoryView>> {
    // Left joins keep one row per story: a deep page may find its stories first.
    const found = await rows<StoryView>(
      this.dataSource,
      pageSql('s.id', q, { select: VIEW_COLUMNS, from: VIEW_TABLES, base: 'stories s' }),
      q.params,
    );
    const { total, basis } = await listTotal(this.dataSource, VIEW_TABLES, q, found.length);
    return new Page('stories', q.offset, found, total, basis);
  }

  async findView(id: string): Promise<(StoryView & { key: number }) | undefined> {
    return one(this.dataSource, `SELECT ${VIEW_COLUMNS}, s.key ${VIEW_FROM} WHERE s.id = $1`, [id]);
  }

  /** `by` is the story's external id or its key; `exceptNomination` is the nomination being decided. */
  async facts(
    m: EntityManager,
    by: { id: string } | { key: number },
    exceptNomination: string | null = null,
  ): Promise<StoryFacts | undefined> {
    return one(
      m,
      `SELECT s.key, s.id,
              (s.status = 'published' AND s.published_at IS NOT NULL) AS published,
              ${publishedWithinSixMonths('s.published_at', 'now()')} AS recent,
              s.ai_disclosed AS "aiDisclosed",
              (EXISTS (SELECT 1 FROM boosts b WHERE b.story_key = s.key)
                OR EXISTS (SELECT 1 FROM nominations o WHERE o.story_key = s.key AND o.status = 'boosted' AND o.id IS DISTINCT FROM $2)) AS boosted,
              EXISTS (SELECT 1 FROM nominations o WHERE o.story_key = s.key AND o.status IN ('pending','declined')
                      AND o.id IS DISTINCT FROM $2) AS nominated
       FROM stories s WHERE ${'id' in by ? 's.id = $1' : 's.key = $1::int'}`,
      ['id' in by ? by.id : by.key, exceptNomination],
    );
  }
}
