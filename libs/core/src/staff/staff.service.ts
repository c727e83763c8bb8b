import { Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/access.decorators.js';
import { AuditService } from '../audit/audit.service.js';
import { badInput, conflict, notFound, ruleViolation } from '../http/errors.js';
import { passwordProblem } from '../auth/password-policy.js';
import { SessionRepository } from '../auth/session.repository.js';
import type { ListSpec } from '../http/list-query.js';
import { queryPage } from '../database/list-page.js';
import { one } from '../database/sql.js';
import { ROLES, type Role } from './staff-user.entity.js';
import type { CreateStaffUserDto, UpdateStaffUserDto } from './staff.dto.js';

export interface StaffView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
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

export const hashPassword = (password: string) => hash(password); // argon2id with the library's defaults

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionRepository,
  ) {}

  list(query: Record<string, unknown>) {
    return queryPage(this.dataSource, STAFF_LIST, query, { select: COLUMNS, from: 'staff_users' });
  }

  async get(id: string): Promise<StaffView> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM staff_users WHERE id = $1`, [id]);
    if (!row) throw notFound('staff user', id);
    return row;
  }

  /** The active account for a token or a login (null when unknown or disabled). */
  async findActive(id: string): Promise<Actor | null> {
    const [row] = await this.dataSource.query(`SELECT id, email, name, roles FROM staff_users WHERE id = $1 AND NOT disabled`, [id]);
    return row ?? null;
  }

  async create(actor: Actor | null, dto: CreateStaffUserDto): Promise<StaffView> {
    await assertStrongPassword(dto.password, dto);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (m) => {
      const row = await one<StaffView>(
        m,
        `INSERT INTO staff_users (email, name, roles, password_hash) VALUES (lower($1), $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
        [dto.email, dto.name, dto.roles, passwordHash],
      );
      if (!row) throw conflict(`a staff account with email ${dto.email.toLowerCase()} exists`);
      await this.audit.record(m, actor, { action: 'staff.create', entityType: 'staff-user', entityId: row.id, after: row });
      return row;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateStaffUserDto): Promise<StaffView> {
    if (dto.password) await assertStrongPassword(dto.password, { email: (await this.get(id)).email, name: dto.name });
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    return this.dataSource.transaction(async (m) => {
      const before = await one<StaffView>(m, `SELECT ${COLUMNS} FROM staff_users WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw notFound('staff user', id);
      if (id === actor.id && (dto.disabled || (dto.roles && !dto.roles.includes('admin')))) {
        throw ruleViolation('no_self_lockout', 'an admin cannot disable themself or drop their own admin role');
      }
      const after = (await one<StaffView>(
        m,
        `UPDATE staff_users SET name = COALESCE($2, name), roles = COALESCE($3, roles), disabled = COALESCE($4, disabled),
                password_hash = COALESCE($5, password_hash), updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, dto.name ?? null, dto.roles ?? null, dto.disabled ?? null, passwordHash],
      ))!;
      // A new password, a disable or other roles end every session the account had.
      const rolesChanged = dto.roles !== undefined && [...dto.roles].sort().join() !== [...before.roles].sort().join();
      if (passwordHash || (dto.disabled && !before.disabled) || rolesChanged) await this.sessions.revokeAll(m, id);
      await this.audit.record(m, actor, {
        action: dto.password ? 'staff.update+password' : 'staff.update',
        entityType: 'staff-user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** The first admin from ADMIN_EMAIL / ADMIN_PASSWORD, when no admin exists yet. */
  async ensureFirstAdmin(email: string, password: string): Promise<boolean> {
    const [existing] = await this.dataSource.query(`SELECT 1 FROM staff_users WHERE 'admin' = ANY(roles) LIMIT 1`);
    if (existing) return false;
    await this.create(null, { email, name: 'Administrator', roles: ['admin'], password });
    return true;
  }
}

/** The password policy at every door that sets a password (a 400 naming the field). */
async function assertStrongPassword(password: string, account: { email: string; name?: string }): Promise<void> {
  const problem = await passwordProblem(password, account);
  if (problem) throw badInput(`password ${problem}`, [{ field: 'password', message: problem }]);
}
