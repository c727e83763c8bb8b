import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type ListQuery, type ListSpec } from '../../core/src/index.js';

type Db = DataSource | EntityManager;

export interface CountryView {
  id: string;
  code: string;
  name: string;
  payable: boolean;
  dateAdded: string;
}

const COLUMNS = `code AS id, code, name, payable, date_added::text AS "dateAdded"`;

export const COUNTRY_LIST: ListSpec = {
  resource: 'countries',
  key: 'code',
  defaultSort: ['name', 'ASC'],
  sort: { id: 'code', code: 'code', name: 'name', payable: 'payable', dateAdded: 'date_added' },
  filters: {
    id: { column: 'code', type: 'text' },
    code: { column: 'code', type: 'text' },
    payable: { column: 'payable', type: 'bool' },
    dateAdded: { column: 'date_added', type: 'date' },
  },
  search: ['code', 'name'],
};

/** The supported-country list: the only place with its SQL. */
@Injectable()
export class CountriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListQuery): Promise<Array<CountryView & { total: string }>> {
    return rows(
      this.dataSource,
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM countries ${q.where} ${q.orderBy} OFFSET ${q.offset} LIMIT ${q.limit}`,
      q.params,
    );
  }

  async count(q: ListQuery): Promise<number> {
    return (await one<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM countries ${q.where}`, q.params))!.n;
  }

  async get(db: Db, code: string, lock = false): Promise<CountryView | undefined> {
    return one<CountryView>(db, `SELECT ${COLUMNS} FROM countries WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]);
  }

  /** Undefined when the code is on the list already. */
  async insert(db: Db, c: { code: string; name: string; payable: boolean; dateAdded: string | null }): Promise<CountryView | undefined> {
    return one<CountryView>(
      db,
      `INSERT INTO countries (code, name, payable, date_added) VALUES ($1, $2, $3, COALESCE($4::date, (now() AT TIME ZONE 'UTC')::date))
       ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [c.code, c.name, c.payable, c.dateAdded],
    );
  }

  async update(db: Db, code: string, c: { name?: string; payable?: boolean; dateAdded?: string }): Promise<CountryView | undefined> {
    return one<CountryView>(
      db,
      `UPDATE countries SET name = COALESCE($2, name), payable = COALESCE($3, payable), date_added = COALESCE($4::date, date_added)
       WHERE code = $1 RETURNING ${COLUMNS}`,
      [code, c.name ?? null, c.payable ?? null, c.dateAdded ?? null],
    );
  }

  async delete(db: Db, code: string): Promise<CountryView | undefined> {
    return one<CountryView>(db, `DELETE FROM countries WHERE code = $1 RETURNING ${COLUMNS}`, [code]);
  }
}
