import { Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/access.decorators.js';
import { AuditService } from '../audit/audit.service.js';
import { badInput, conflict, notFound, ruleViolation } from '../http/errors.js';
import { passwordProblem } from '../auth/password-policy.js';
import { SessionRepository } from '../auth/session.repository.js';
import { StaffRepository, type StaffView } from './staff.repository.js';
import type { CreateStaffUserDto, UpdateStaffUserDto } from './staff.dto.js';

export { STAFF_LIST, type StaffView } from './staff.repository.js';

export const hashPassword = (password: string) => hash(password); // argon2id with the library's defaults

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionRepository,
  ) {}

  list(query: Record<string, unknown>) {
    return this.staff.list(query);
  }

  async get(id: string): Promise<StaffView> {
    const row = await this.staff.find(id);
    if (!row) throw notFound('staff user', id);
    return row;
  }

  /** The active account for a token or a login (null when unknown or disabled). */
  async findActive(id: string): Promise<Actor | null> {
    return (await this.staff.findActive(id)) ?? null;
  }

  async create(actor: Actor | null, dto: CreateStaffUserDto): Promise<StaffView> {
    await assertStrongPassword(dto.password, dto);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (m) => {
      const row = await this.staff.insert(m, { email: dto.email, name: dto.name, roles: dto.roles, passwordHash });
      if (!row) throw conflict(`a staff account with email ${dto.email.toLowerCase()} exists`);
      await this.audit.record(m, actor, { action: 'staff.create', entityType: 'staff-user', entityId: row.id, after: row });
      return row;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateStaffUserDto): Promise<StaffView> {
    if (dto.password) await assertStrongPassword(dto.password, { email: (await this.get(id)).email, name: dto.name });
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    return this.dataSource.transaction(async (m) => {
      const before = await this.staff.find(id, m, true);
      if (!before) throw notFound('staff user', id);
      if (id === actor.id && (dto.disabled || (dto.roles && !dto.roles.includes('admin')))) {
        throw ruleViolation('no_self_lockout', 'an admin cannot disable themself or drop their own admin role');
      }
      const after = await this.staff.update(m, id, {
        name: dto.name ?? null,
        roles: dto.roles ?? null,
        disabled: dto.disabled ?? null,
        passwordHash,
      });
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
    if (await this.staff.anyAdmin()) return false;
    await this.create(null, { email, name: 'Administrator', roles: ['admin'], password });
    return true;
  }
}

/** The password policy at every door that sets a password (a 400 naming the field). */
async function assertStrongPassword(password: string, account: { email: string; name?: string }): Promise<void> {
  const problem = await passwordProblem(password, account);
  if (problem) throw badInput(`password ${problem}`, [{ field: 'password', message: problem }]);
}
