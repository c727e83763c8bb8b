import type pg from 'pg';

/**
 * Reading data for the eligibility tests, written with SQL the way intake stores it.
 * Times are SQL expressions evaluated in the database against `today` (the current UTC
 * date) and `now()`, so boundaries are computed with PostgreSQL's own calendar arithmetic.
 */
export class Fixtures {
  constructor(private readonly pool: pg.Pool) {}

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
    const { rows } = await this.pool.query(
      `INSERT INTO members (id, username, name, email, country, birth_date, joined_at)
       VALUES ($1, $1, 'Writer ' || $1, $1 || '@writers.example', $2, $3, now() - interval '3 years') RETURNING key`,
      [id, opts.country ?? 'FR', opts.birthDate ?? null],
    );
    return rows[0].key;
  }

  async membership(memberKey: number, id: string, startedAt = `now() - interval '1 year'`, endedAt: string | null = null): Promise<void> {
    await this.pool.query(
      `INSERT INTO memberships (id, member_key, plan, tier, started_at, ended_at)
       VALUES ($1, $2, 'monthly', 'member', ${this.at(startedAt)}, ${endedAt ? this.at(endedAt) : 'NULL'})`,
      [id, memberKey],
    );
  }

  async story(
    memberKey: number,
    id: string,
    publishedAt: string | null = `now() - interval '10 days'`,
    status = 'published',
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO stories (id, author_key, title, published_at, members_only, status)
       VALUES ($1, $2, 'Story ' || $1, ${publishedAt ? this.at(publishedAt) : 'NULL'}, true, $3)`,
      [id, memberKey, status],
    );
  }

  /** An application as intake stores it (pending, not evaluated yet). */
  async application(
    id: string,
    memberKey: number,
    opts: { country?: string; birthDate?: string | null; submittedAt?: string } = {},
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO applications (id, member_key, submitted_at, country, birth_date) VALUES ($1, $2, ${this.at(opts.submittedAt ?? 'now()')}, $3, $4)`,
      [id, memberKey, opts.country ?? 'FR', opts.birthDate === undefined ? '1990-01-01' : opts.birthDate],
    );
  }

  /** A member who passes all four checks (membership, a story 10 days ago, FR, born 1990). */
  async eligibleWriter(id: string): Promise<number> {
    const key = await this.member(id, { birthDate: '1990-01-01' });
    await this.membership(key, `ms-${id}`);
    await this.story(key, `st-${id}`);
    return key;
  }
}
