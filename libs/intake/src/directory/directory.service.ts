import { Injectable } from '@nestjs/common';
import { notFound } from '../../../core/src/http/errors.js';
import { periodBounds, periodOf, periodOfIndex, monthIndex } from '../../../core/src/period/period.js';
import type { MemberDetail, PublicationDetail } from './directory.dto.js';
import { MembersRepository } from './members.repository.js';
import { PublicationsRepository } from './publications.repository.js';

/** How many months of a member's reading the member page shows: the current one and the two before. */
export const READING_MONTHS = 3;
/** How many of a publication's stories its page lists (newest first); the stories list has them all. */
export const PUBLICATION_STORIES = 100;

/** Members and publications, read-only: the reading platform owns them, intake stores them. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly members: MembersRepository,
    private readonly publications: PublicationsRepository,
  ) {}

  listMembers(query: Record<string, unknown>) {
    return this.members.list(query);
  }

  async member(id: string, now = new Date()): Promise<MemberDetail> {
    const found = await this.members.find(id);
    if (!found) throw notFound('member', id);
    const { key, ...member } = found;
    const current = periodOf(now);
    const start = periodBounds(periodOfIndex(monthIndex(current) - (READING_MONTHS - 1))).start;
    const [memberships, charges, reading] = await Promise.all([
      this.members.memberships(key),
      this.members.charges(key),
      this.members.reading(key, start, periodBounds(current).end),
    ]);
    return { ...member, memberships, charges, reading };
  }

  listPublications(query: Record<string, unknown>) {
    return this.publications.list(query);
  }

  async publication(id: string): Promise<PublicationDetail> {
    const found = await this.publications.find(id);
    if (!found) throw notFound('publication', id);
    const { key, ...publication } = found;
    return { ...publication, stories: await this.publications.stories(key, PUBLICATION_STORIES) };
  }
}
