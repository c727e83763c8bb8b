import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/access.decorators.js';
import type { ListSpec } from '../http/list-query.js';
import { queryPage } from '../database/list-page.js';
import { one } from '../database/sql.js';
import { ROLES, type Role } from './staff-user.entity.js';

export interface StaffView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a sign-in checks: the account, its password hash and whether it has a second factor. */
export interface StaffLogin extends Actor {
  disabled: boolean;
  passwordHash: string;
  enrolled: boolean;
}

export interface StaffChanges {
  name: string | null;
  roles: Role[] | null;
  disabled: boolean | null;
  passwordHash: string | null;
}

const COLUMNS = `id, email, name, roles, disabled, created_at AS "createdAt", updated_at AS "updatedAt"`;

export const STAFF_LIST: ListSpec = {
  resource: 'staff-users',
  key: 'id',
  defaultSort: ['email', 'ASC'],
  sort: { email: 'email', name: 'name', createdAt: 'created_at', disabled: 'disabled' },
  filters: {
    id: { column: 'id', type: 'uuid' },
    disabled: { column: 'disabled', type: 'bool' },
    role: { column: 'roles', type: 'text', op: 'contains', values: ROLES },
  },
  search: ['email', 'name'],
};

/** The staff_users rows. */
@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(query: Record<string, unknown>) {
    return queryPage(this.dataSource, STAFF_LIST, query, { select: COLUMNS, from: 'staff_users' });
  }

  /** One account; `lock` (inside a transaction) holds it until the transaction ends. */
  find(id: string, m: EntityManager | DataSource = this.dataSource, lock = false): Promise<StaffView | undefined> {
    return one<StaffView>(m, `SELECT ${COLUMNS} FROM staff_users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  }

  /** The active account for a token or a login (undefined when unknown or disabled). */
  findActive(id: string): Promise<Actor | undefined> {
    return one<Actor>(this.dataSource, `SELECT id, email, name, roles FROM staff_users WHERE id = $1 AND NOT disabled`, [id]);
  }

  /** By (lower-cased) email, with what a sign-in needs. */
  findLogin(email: string): Promise<StaffLogin | undefined> {
    return one<StaffLogin>(
      this.dataSource,
      `SELECT id, email, name, roles, disabled, password_hash AS "passwordHash", totp_enabled_at IS NOT NULL AS enrolled
       FROM staff_users WHERE email = $1`,
      [email],
    );
  }

  /** A new account, or undefined when the email is taken. */
  insert(m: EntityManager, account: { email: string; name: string; roles: Role[]; passwordHash: string }): Promise<StaffView | undefined> {
    return one<StaffView>(
      m,
      `INSERT INTO staff_users (email, name, roles, password_hash) VALUES (lower($1), $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [account.email, account.name, account.roles, account.passwordHash],
    );
  }

  /** Changes what is not null. */
  async update(m: EntityManager, id: string, changes: StaffChanges): Promise<StaffView> {
    return (await one<StaffView>(
      m,
      `UPDATE staff_users SET name = COALESCE($2, name), roles = COALESCE($3, roles), disabled = COALESCE($4, disabled),
              password_hash = COALESCE($5, password_hash), updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.name, changes.roles, changes.disabled, changes.passwordHash],
    ))!;
  }

  async anyAdmin(): Promise<boolean> {
    return (await one(this.dataSource, `SELECT 1 FROM staff_users WHERE 'admin' = ANY(roles) LIMIT 1`)) !== undefined;
  }
}
