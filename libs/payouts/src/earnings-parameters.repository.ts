import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../core/src/database/sql.js';

export interface StoredParameterSet {
  version: number;
  params: Record<string, unknown>;
  createdAt: Date | null;
  createdBy: string | null;
  /** Who stored it (history only). */
  createdByName?: string | null;
  createdByEmail?: string | null;
}

const COLUMNS = `version, params, created_at AS "createdAt", created_by AS "createdBy"`;

/** The versions of the parameter set (earnings_parameter_sets). */
@Injectable()
export class EarningsParametersRepository {
  constructor(private readonly dataSource: DataSource) {}

  latest(db: DataSource | EntityManager = this.dataSource): Promise<StoredParameterSet | undefined> {
    return one<StoredParameterSet>(db, `SELECT ${COLUMNS} FROM earnings_parameter_sets ORDER BY version DESC LIMIT 1`);
  }

  history(): Promise<StoredParameterSet[]> {
    return rows<StoredParameterSet>(
      this.dataSource,
      `SELECT p.version, p.params, p.created_at AS "createdAt", p.created_by AS "createdBy",
              s.name AS "createdByName", s.email AS "createdByEmail"
       FROM earnings_parameter_sets p LEFT JOIN staff_users s ON s.id = p.created_by
       ORDER BY p.version DESC`,
    );
  }

  /** Serializes changes: each new version is made from the one before it. */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`LOCK TABLE earnings_parameter_sets IN EXCLUSIVE MODE`);
  }

  async insert(m: EntityManager, params: unknown, createdBy: string): Promise<StoredParameterSet> {
    return (await one<StoredParameterSet>(
      m,
      `INSERT INTO earnings_parameter_sets (params, created_by) VALUES ($1, $2) RETURNING ${COLUMNS}`,
      [params, createdBy],
    ))!;
  }
}
