import type pg from 'pg';
import { DataSource } from 'typeorm';
import { IntakeHooks } from '../../libs/core/src/index.js';
import type { TestApp } from '../support/app.js';
import { sql, TableFactory } from '../support/factory.js';

/** A timestamp SQL expression for an ISO 8601 literal. */
export const at = (iso: string) => `'${iso}'::timestamptz`;

export interface NominationRecord {
  id: string;
  story: number;
  nominator: number;
  publication: number;
  /** SQL timestamp expression. */
  at: string;
}

/**
 * Reading data for the boost-curation tests, written with the test factory the way intake stores it.
 * Times are SQL expressions (`now() - interval '1 hour'`, or `at('2026-03-15T12:00:00Z')`).
 */
export class CurationFixtures {
  private readonly rows: TableFactory;
  constructor(private readonly t: TestApp) {
    this.rows = new TableFactory(t.db.pool);
  }

  private get pool(): pg.Pool {
    return this.t.db.pool;
  }

  private next(prefix: string) {
    return this.rows.next(prefix);
  }

  async member(id = this.next('m')): Promise<number> {
    return this.rows.member({ id, name: `Member ${id}`, email: `${id}@readers.example`, country: 'FR', joinedAt: '2020-01-01T00:00:00Z' });
  }

  async publication(id = this.next('pub')): Promise<number> {
    return this.rows.publication({ id });
  }

  async story(opts: {
    author: number;
    publication: number | null;
    publishedAt?: string | null;
    status?: string;
    aiDisclosed?: boolean;
    title?: string;
    id?: string;
  }): Promise<number> {
    const publishedAt = opts.publishedAt === undefined ? `now() - interval '10 days'` : opts.publishedAt;
    const id = opts.id ?? this.next('s');
    return this.rows.story({
      id,
      authorKey: opts.author,
      publicationKey: opts.publication,
      title: opts.title ?? `Story ${id}`,
      publishedAt: publishedAt === null ? null : sql(publishedAt),
      status: opts.status ?? 'published',
      aiDisclosed: opts.aiDisclosed ?? false,
    });
  }

  async storyId(key: number): Promise<string> {
    return (await this.pool.query(`SELECT id FROM stories WHERE key = $1`, [key])).rows[0].id;
  }

  async enrollment(memberKey: number, enrolledAt: string, leftAt: string | null = null): Promise<void> {
    await this.rows.enrollment({ memberKey, enrolledAt: sql(enrolledAt), leftAt: leftAt === null ? null : sql(leftAt) });
  }

  async session(storyKey: number, readerKey: number | null, activeSeconds: number, startedAt = `now() - interval '1 day'`): Promise<void> {
    await this.rows.session({ storyKey, readerKey, activeSeconds, startedAt: sql(startedAt) });
  }

  /** A boost window as the bundle import stores it (history). */
  async importedBoost(storyKey: number, startsAt: string, endsAt: string, id = this.next('b')): Promise<string> {
    await this.rows.boost({ id, storyKey, startsAt: sql(startsAt), endsAt: sql(endsAt) });
    return id;
  }

  /**
   * What intake does with a batch of nominations: insert them, then run the `nominations`
   * hook with their ids, in one transaction.
   */
  async intake(records: NominationRecord[], hookIds = records.map((r) => r.id)): Promise<void> {
    const ds = this.t.app.get(DataSource);
    await ds.transaction(async (m) => {
      for (const r of records) {
        await m.query(
          `INSERT INTO nominations (id, story_key, nominator_key, publication_key, nominated_at) VALUES ($1, $2, $3, $4, ${r.at})`,
          [r.id, r.story, r.nominator, r.publication],
        );
      }
      await this.t.app.get(IntakeHooks).run('nominations', m, hookIds);
    });
  }

  /** One accepted-by-the-rules nomination of a fresh story (published 10 days ago) of a fresh nominator. */
  async pendingNomination(opts: { author?: number; publication?: number; nominator?: number; at?: string; title?: string } = {}) {
    const publication = opts.publication ?? (await this.publication());
    const author = opts.author ?? (await this.member());
    const nominator = opts.nominator ?? (await this.member());
    const story = await this.story({ author, publication, title: opts.title });
    const id = this.next('n');
    await this.intake([{ id, story, nominator, publication, at: opts.at ?? `now() - interval '1 hour'` }]);
    const status = await this.status(id);
    if (status.status !== 'pending') throw new Error(`fixture nomination ${id} was ${status.status} (${status.refusalReason})`);
    return { id, story, storyId: await this.storyId(story), author, nominator, publication };
  }

  async status(id: string): Promise<{ status: string; refusalReason: string | null }> {
    const { rows } = await this.pool.query(`SELECT status, refusal_reason AS "refusalReason" FROM nominations WHERE id = $1`, [id]);
    return rows[0];
  }

  async statuses(ids: string[]): Promise<Record<string, string>> {
    const { rows } = await this.pool.query(`SELECT id, status, refusal_reason FROM nominations WHERE id = ANY($1)`, [ids]);
    return Object.fromEntries(rows.map((r) => [r.id, r.refusal_reason ?? r.status]));
  }
}
