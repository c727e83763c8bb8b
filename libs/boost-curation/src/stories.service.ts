import { Injectable } from '@nestjs/common';
import { notFound, parseListQuery, type ListSpec } from '../../core/src/index.js';
import { BoostsRepository, type BoostView } from './boosts.repository.js';
import { NominationsRepository, type NominationView } from './nominations.repository.js';
import { StoriesRepository, type StoryView } from './stories.repository.js';

export const STORY_STATUSES = ['draft', 'published', 'unlisted', 'deleted'] as const;

export const STORY_LIST: ListSpec = {
  resource: 'stories',
  key: 's.id',
  defaultSort: ['publishedAt', 'DESC'],
  sort: { id: 's.id', title: 's.title', publishedAt: 's.published_at', status: 's.status' },
  filters: {
    id: { column: 's.id', type: 'text' },
    authorId: { column: 'a.id', type: 'text' },
    publicationId: { column: 'p.id', type: 'text' },
    status: { column: 's.status', type: 'text', values: STORY_STATUSES },
    membersOnly: { column: 's.members_only', type: 'bool' },
    aiDisclosed: { column: 's.ai_disclosed', type: 'bool' },
    language: { column: 's.language', type: 'text' },
    publishedAt: { column: 's.published_at', type: 'timestamp' },
  },
  search: ['s.title'],
  notNull: ['id', 'title', 'status'],
};

export interface StoryDetail extends StoryView {
  /** The story's Boost history: its windows and its nominations, oldest first. */
  boosts: BoostView[];
  nominations: Omit<NominationView, 'views' | 'reads' | 'readRatioBps'>[];
}

/** The stories the reading platform sent, for every staff role (curators first of all). */
@Injectable()
export class StoriesService {
  constructor(
    private readonly stories: StoriesRepository,
    private readonly boosts: BoostsRepository,
    private readonly nominations: NominationsRepository,
  ) {}

  async list(query: Record<string, unknown>) {
    return this.stories.list(parseListQuery(query, STORY_LIST));
  }

  async get(id: string): Promise<StoryDetail> {
    const story = await this.stories.findView(id);
    if (!story) throw notFound('story', id);
    const { key, ...view } = story;
    const [boosts, nominations] = await Promise.all([this.boosts.ofStory(key), this.nominations.ofStory(key)]);
    return { ...view, boosts, nominations };
  }
}
