import type pg from 'pg';
import { sql, TableFactory } from '../support/factory.js';

/**
 * Reading data for the eligibility tests, written with the test factory the way intake stores it.
 * Times are SQL expressions evaluated in the database against `today` (the current UTC
 * date) and `now()`, so boundaries are computed with PostgreSQL's own calendar arithmetic.
 */
export class Fixtures {
  private readonly rows: TableFactory;
  constructor(private readonly pool: pg.Pool) {
    this.rows = new TableFactory(pool);
  }

  private at(expr: string) {
    return `(SELECT (${expr})::timestamptz FROM (SELECT (now() AT TIME ZONE 'UTC')::date AS today) c)`;
  }

  /** A UTC date (YYYY-MM-DD) computed from `today`, e.g. `today - interval '18 years'`. */
  async date(expr: string): Promise<string> {
    const { rows } = await this.pool.query(`SELECT (${expr})::date::text AS d FROM (SELECT (now() AT TIME ZONE 'UTC')::date AS today) c`);
    return rows[0].d;
  }

  /** A midnight-UTC timestamp expression for a date expression. */
  static midnight(dateExpr: string) {
    return `((${dateExpr})::date::timestamp AT TIME ZONE 'UTC')`;
  }

  async member(id: string, opts: { birthDate?: string | null; country?: string } = {}): Promise<number> {
    return this.rows.member({
      id,
      name: `Writer ${id}`,
      email: `${id}@writers.example`,
      country: opts.country ?? 'FR',
      birthDate: opts.birthDate ?? null,
      joinedAt: sql(`now() - interval '3 years'`),
    });
  }

  async membership(memberKey: number, id: string, startedAt = `now() - interval '1 year'`, endedAt: string | null = null): Promise<void> {
    await this.rows.memberships([{ id, memberKey, startedAt: sql(this.at(startedAt)), endedAt: endedAt ? sql(this.at(endedAt)) : null }]);
  }

  async story(
    memberKey: number,
    id: string,
    publishedAt: string | null = `now() - interval '10 days'`,
    status = 'published',
  ): Promise<void> {
    await this.rows.story({ id, authorKey: memberKey, publishedAt: publishedAt ? sql(this.at(publishedAt)) : null, status });
  }

  /** An application as intake stores it (pending, not evaluated yet). */
  async application(
    id: string,
    memberKey: number,
    opts: { country?: string; birthDate?: string | null; submittedAt?: string } = {},
  ): Promise<void> {
    await this.rows.rows('applications', [
      {
        id,
        memberKey,
        submittedAt: sql(this.at(opts.submittedAt ?? 'now()')),
        country: opts.country ?? 'FR',
        birthDate: opts.birthDate === undefined ? '1990-01-01' : opts.birthDate,
      },
    ]);
  }

  /** A member who passes all four checks (membership, a story 10 days ago, FR, born 1990). */
  async eligibleWriter(id: string): Promise<number> {
    const key = await this.member(id, { birthDate: '1990-01-01' });
    await this.membership(key, `ms-${id}`);
    await this.story(key, `st-${id}`);
    return key;
  }
}
