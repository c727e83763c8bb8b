import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../../core/src/database/sql.js';

export interface StoredIntegrityParameters {
  version: number;
  params: Record<string, number>;
  createdAt: Date | null;
  createdBy: string | null;
  createdByEmail: string | null;
}

const COLUMNS = `version, params, created_at AS "createdAt", created_by AS "createdBy",
  (SELECT s.email FROM staff_users s WHERE s.id = created_by) AS "createdByEmail"`;

/** The versions of the integrity thresholds (integrity_parameter_sets). */
@Injectable()
export class IntegrityParametersRepository {
  constructor(private readonly dataSource: DataSource) {}

  latest(db: DataSource | EntityManager = this.dataSource): Promise<StoredIntegrityParameters | undefined> {
    return one<StoredIntegrityParameters>(db, `SELECT ${COLUMNS} FROM integrity_parameter_sets ORDER BY version DESC LIMIT 1`);
  }

  byVersion(version: number): Promise<StoredIntegrityParameters | undefined> {
    return one<StoredIntegrityParameters>(this.dataSource, `SELECT ${COLUMNS} FROM integrity_parameter_sets WHERE version = $1`, [version]);
  }

  history(): Promise<StoredIntegrityParameters[]> {
    return rows<StoredIntegrityParameters>(this.dataSource, `SELECT ${COLUMNS} FROM integrity_parameter_sets ORDER BY version DESC`);
  }

  /** Serializes changes: each version is made from the one before it. */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`LOCK TABLE integrity_parameter_sets IN EXCLUSIVE MODE`);
  }

  async insert(m: EntityManager, params: Record<string, number>, createdBy: string): Promise<StoredIntegrityParameters> {
    return (await one<StoredIntegrityParameters>(
      m,
      `INSERT INTO integrity_parameter_sets (params, created_by) VALUES ($1, $2) RETURNING ${COLUMNS}`,
      [params, createdBy],
    ))!;
  }
}
