import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, badInput, conflict, notFound, parseListQuery, toPage, type Actor } from '../../core/src/index.js';
import { COUNTRY_LIST, CountriesRepository, type CountryView } from './countries.repository.js';
import type { CreateCountryDto, UpdateCountryDto } from './eligibility.dto.js';

const normalize = (code: string) => code.trim().toUpperCase();

/** The supported-country list that the country check reads; admins edit it. */
@Injectable()
export class CountriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: CountriesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: Record<string, unknown>) {
    const q = parseListQuery(query, COUNTRY_LIST);
    return toPage(COUNTRY_LIST.resource, q.offset, await this.repo.list(q), () => this.repo.count(q));
  }

  async get(code: string): Promise<CountryView> {
    const row = await this.repo.get(this.dataSource, normalize(code));
    if (!row) throw notFound('country', code);
    return row;
  }

  async create(actor: Actor, dto: CreateCountryDto): Promise<CountryView> {
    const code = normalize(dto.code);
    return this.dataSource.transaction(async (m) => {
      const row = await this.repo.insert(m, { code, name: dto.name, payable: dto.payable, dateAdded: dto.dateAdded ?? null });
      if (!row) throw conflict(`country ${code} is on the list already`);
      await this.audit.record(m, actor, { action: 'country.create', entityType: 'country', entityId: code, after: row });
      return row;
    });
  }

  async update(actor: Actor, code: string, dto: UpdateCountryDto): Promise<CountryView> {
    const key = normalize(code);
    for (const field of ['id', 'code'] as const) {
      const v = dto[field];
      if (v !== undefined && normalize(v) !== key) {
        throw badInput(`${field} cannot change (${v} ≠ ${key}); add the new country and delete this one`, [
          { field, message: 'cannot change' },
        ]);
      }
    }
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(m, key, true);
      if (!before) throw notFound('country', code);
      const after = (await this.repo.update(m, key, { name: dto.name, payable: dto.payable, dateAdded: dto.dateAdded }))!;
      await this.audit.record(m, actor, { action: 'country.update', entityType: 'country', entityId: key, before, after });
      return after;
    });
  }

  /** Takes a country off the list (applications from it then fail the country check on recheck). */
  async remove(actor: Actor, code: string): Promise<CountryView> {
    const key = normalize(code);
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.delete(m, key);
      if (!before) throw notFound('country', code);
      await this.audit.record(m, actor, { action: 'country.delete', entityType: 'country', entityId: key, before });
      return before;
    });
  }
}
