import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPage } from '../../../core/src/database/list-page.js';
import { one, rows } from '../../../core/src/database/sql.js';
import type { ListSpec } from '../../../core/src/http/list-query.js';
import { toJson } from '../../../core/src/money/money.js';
import type { ChargeView, MemberView, MembershipView, ReadingMonth } from './directory.dto.js';

export const MEMBER_LIST: ListSpec = {
  resource: 'members',
  key: 'm.id',
  defaultSort: ['joinedAt', 'DESC'],
  sort: { id: 'm.id', name: 'm.name', joinedAt: 'm.joined_at' },
  filters: {
    id: { column: 'm.id', type: 'text' },
    country: { column: 'm.country', type: 'text' },
    earningsExcluded: { column: 'm.earnings_excluded', type: 'bool' },
    joinedAt: { column: 'm.joined_at', type: 'timestamp' },
  },
  search: ['m.id', 'm.username', 'm.name', 'm.email'],
  notNull: ['id', 'name', 'joinedAt'],
};

const COLUMNS = `m.id, m.username, m.name, m.email, m.country, to_char(m.birth_date, 'YYYY-MM-DD') AS "birthDate",
  m.joined_at AS "joinedAt", m.earnings_excluded AS "earningsExcluded"`;

/** The members the reading platform sent, with their memberships, charges and reading. */
@Injectable()
export class MembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(query: Record<string, unknown>) {
    return queryPage<MemberView>(this.dataSource, MEMBER_LIST, query, { select: COLUMNS, from: 'members m', base: 'members m' });
  }

  find(id: string): Promise<(MemberView & { key: number }) | undefined> {
    return one(this.dataSource, `SELECT ${COLUMNS}, m.key FROM members m WHERE m.id = $1`, [id]);
  }

  memberships(memberKey: number): Promise<MembershipView[]> {
    return rows(
      this.dataSource,
      `SELECT id, plan, tier, started_at AS "startedAt", ended_at AS "endedAt"
       FROM memberships WHERE member_key = $1 ORDER BY started_at DESC, id`,
      [memberKey],
    );
  }

  async charges(memberKey: number): Promise<ChargeView[]> {
    const found = await rows<Record<string, unknown>>(
      this.dataSource,
      `SELECT id, plan, to_char(covers_from, 'YYYY-MM-DD') AS "coversFrom", charged_at AS "chargedAt",
              gross_cents AS "grossCents", fee_cents AS "feeCents", net_cents AS "netCents", status
       FROM charges WHERE member_key = $1 ORDER BY charged_at DESC, id`,
      [memberKey],
    );
    // Cents are bigint in the database: JSON integers (strings only past 2^53), never JS arithmetic.
    return found.map((c) => ({
      ...c,
      grossCents: toJson(BigInt(c.grossCents as string)),
      feeCents: toJson(BigInt(c.feeCents as string)),
      netCents: toJson(BigInt(c.netCents as string)),
    })) as unknown as ChargeView[];
  }

  /**
   * The member's own reading per month in [start, end): sessions, active seconds, stories and
   * authors read. Bounded by time so that it walks the sessions' started_at index (sessions
   * have no reader index: intake writes tens of millions a month).
   */
  reading(memberKey: number, start: Date, end: Date): Promise<ReadingMonth[]> {
    return rows(
      this.dataSource,
      `SELECT to_char(se.started_at AT TIME ZONE 'UTC', 'YYYY-MM') AS period, count(*)::int AS sessions,
              sum(se.active_seconds)::int AS "activeSeconds", count(DISTINCT se.story_key)::int AS stories,
              count(DISTINCT st.author_key)::int AS authors
       FROM sessions se JOIN stories st ON st.key = se.story_key
       WHERE se.reader_key = $1 AND se.started_at >= $2 AND se.started_at < $3
       GROUP BY 1 ORDER BY 1 DESC`,
      [memberKey, start, end],
    );
  }
}
