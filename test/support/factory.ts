import type pg from 'pg';
import type {
  ChargeRecord,
  EnrollmentRecord,
  MemberRecord,
  MembershipRecord,
  PayoutAccountRecord,
  SessionRecord,
  StoryRecord,
} from '../oracle/bundle.js';

/*
 * The one test data factory: reading data with defaults, either as import records (for a
 * Bundle that loadBundle or the import door writes) or straight into the tables (returning
 * keys). Suites pass what matters to them and take the defaults for the rest.
 */

/** A trusted SQL expression used as a value, e.g. `now() - interval '1 day'` (test text only). */
export class SqlExpr {
  constructor(readonly text: string) {}
}
export const sql = (text: string) => new SqlExpr(text);

/** The integer key of a member, story or publication given its external id. */
export class KeyOf {
  constructor(
    readonly table: 'members' | 'stories' | 'publications',
    readonly id: string,
  ) {}
}
export const memberKey = (id: string) => new KeyOf('members', id);
export const storyKey = (id: string) => new KeyOf('stories', id);

export type Value = string | number | boolean | null | SqlExpr | KeyOf;
/** A row by API field name (camelCase, turned into snake_case columns); undefined fields take the column default. */
export type Row = Record<string, Value | undefined>;

type Queryable = Pick<pg.Pool, 'query'>;

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** INSERTs rows into a table (one statement per 1,000 rows); `returning` columns come back in row order. */
export async function insertRows<T = Record<string, unknown>>(db: Queryable, table: string, rows: Row[], returning?: string): Promise<T[]> {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)))];
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const params: unknown[] = [];
    const render = (v: Value | undefined): string => {
      if (v === undefined) return 'DEFAULT';
      if (v instanceof SqlExpr) return `(${v.text})`;
      if (v instanceof KeyOf) return `(SELECT key FROM ${v.table} WHERE id = $${params.push(v.id)})`;
      return `$${params.push(v)}`;
    };
    const values = rows.slice(i, i + 1000).map((r) => `(${fields.map((f) => render(r[f])).join(', ')})`);
    const result = await db.query(
      `INSERT INTO ${table} (${fields.map(column).join(', ')}) VALUES ${values.join(', ')}${returning ? ` RETURNING ${returning}` : ''}`,
      params,
    );
    out.push(...(result.rows as T[]));
  }
  return out;
}

// Import records with defaults (spec/import-format.md); optional fields stay absent unless given.

export const memberRecord = (id: string, o: Partial<MemberRecord> = {}): MemberRecord => ({
  id,
  username: id,
  name: id,
  email: `${id}@x.test`,
  country: 'US',
  birthDate: '1990-01-01',
  joinedAt: '2024-01-01T00:00:00Z',
  ...o,
});

export const membershipRecord = (id: string, memberId: string, o: Partial<MembershipRecord> = {}): MembershipRecord => ({
  id,
  memberId,
  plan: 'monthly',
  tier: 'member',
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: null,
  ...o,
});

/** A paid monthly charge covering `month`, charged on its first day at 08:00 UTC, 50 cents of fee over `netCents`. */
export const chargeRecord = (
  id: string,
  memberId: string,
  month: string,
  netCents: number,
  o: Partial<ChargeRecord> = {},
): ChargeRecord => ({
  id,
  memberId,
  plan: 'monthly',
  coversFrom: month,
  chargedAt: `${month}-01T08:00:00Z`,
  grossCents: netCents + 50,
  feeCents: 50,
  netCents,
  status: 'paid',
  ...o,
});

export const storyRecord = (id: string, authorId: string, o: Partial<StoryRecord> = {}): StoryRecord => ({
  id,
  authorId,
  publicationId: null,
  title: id,
  publishedAt: '2026-03-01T00:00:00Z',
  membersOnly: true,
  status: 'published',
  ...o,
});

export const sessionRecord = (
  id: string,
  storyId: string,
  readerId: string | null,
  startedAt: string,
  activeSeconds: number,
  o: Partial<SessionRecord> = {},
): SessionRecord => ({ id, storyId, readerId, startedAt, activeSeconds, mode: 'read', ...o });

export const enrollmentRecord = (id: string, memberId: string, o: Partial<EnrollmentRecord> = {}): EnrollmentRecord => ({
  id,
  memberId,
  enrolledAt: '2025-06-01T00:00:00Z',
  leftAt: null,
  ...o,
});

export const payoutAccountRecord = (memberId: string, o: Partial<PayoutAccountRecord> = {}): PayoutAccountRecord => ({
  memberId,
  provider: 'stripe',
  accountRef: `acct_${memberId}`,
  status: 'verified',
  taxStatus: 'verified',
  ...o,
});

/**
 * Rows straight into the tables, with defaults, returning integer keys where the table has
 * them. Values may be SQL expressions (`sql(...)`) and references by id (`memberKey(id)`).
 */
export class TableFactory {
  private seq = 0;
  constructor(private readonly db: Queryable) {}

  /** A fresh id: prefix and a counter. */
  next(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq}`;
  }

  private async keyed(table: string, row: Row): Promise<number> {
    const [r] = await insertRows<{ key: number }>(this.db, table, [row], 'key');
    return r!.key;
  }

  memberRow(o: Row & { id: string }): Row {
    return {
      username: o.id,
      name: `Member ${o.id}`,
      email: `${o.id}@members.example`,
      country: 'US',
      joinedAt: '2022-01-01T00:00:00Z',
      ...o,
    };
  }

  member(o: Row & { id: string }): Promise<number> {
    return this.keyed('members', this.memberRow(o));
  }

  async members(list: (Row & { id: string })[]): Promise<void> {
    await insertRows(
      this.db,
      'members',
      list.map((o) => this.memberRow(o)),
    );
  }

  publication(o: Row & { id: string }): Promise<number> {
    return this.keyed('publications', { name: `Publication ${o.id}`, ...o });
  }

  story(o: Row & { id: string; authorKey: Value }): Promise<number> {
    return this.keyed('stories', {
      title: `Story ${o.id}`,
      publishedAt: sql(`now() - interval '10 days'`),
      membersOnly: true,
      status: 'published',
      ...o,
    });
  }

  membershipRow(o: Row & { memberKey: Value }): Row {
    return { id: this.next('ms'), plan: 'monthly', tier: 'member', startedAt: sql(`now() - interval '1 year'`), endedAt: null, ...o };
  }

  async memberships(list: (Row & { memberKey: Value })[]): Promise<void> {
    await insertRows(
      this.db,
      'memberships',
      list.map((o) => this.membershipRow(o)),
    );
  }

  /** Charges; `netCents` defaults to gross − fee, `chargedAt` to the first day covered. */
  async charges(list: (Row & { id: string; memberKey: Value; coversFrom: string; grossCents: number; feeCents: number })[]): Promise<void> {
    await insertRows(
      this.db,
      'charges',
      list.map((o) => ({
        plan: 'monthly',
        chargedAt: `${o.coversFrom}T00:00:00Z`,
        netCents: o.grossCents - o.feeCents,
        status: 'paid',
        ...o,
      })),
    );
  }

  async enrollment(o: Row & { memberKey: Value; enrolledAt: Value }): Promise<void> {
    await insertRows(this.db, 'enrollments', [{ id: this.next('e'), leftAt: null, ...o }]);
  }

  async session(o: Row & { storyKey: Value; readerKey: Value; activeSeconds: number }): Promise<void> {
    await insertRows(this.db, 'sessions', [{ id: this.next('se'), startedAt: sql(`now() - interval '1 day'`), mode: 'read', ...o }]);
  }

  async boost(o: Row & { id: string; storyKey: Value; startsAt: Value; endsAt: Value }): Promise<void> {
    await insertRows(this.db, 'boosts', [{ source: 'nomination', ...o }]);
  }

  async referrals(list: (Row & { id: string; referrerKey: Value; referredMemberKey: Value; referredAt: Value; pageSlug: string })[]) {
    await insertRows(this.db, 'referrals', list);
  }

  /** Any other table (applications, nominations…): the same INSERT, no defaults. */
  rows(table: string, list: Row[]): Promise<unknown[]> {
    return insertRows(this.db, table, list);
  }
}
