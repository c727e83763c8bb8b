import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../staff/staff-user.entity.js';

/** Who may call a route. A route without one is refused (and the api refuses to boot). */
export type Access = { kind: 'public' } | { kind: 'intake' } | { kind: 'staff'; roles: Role[] | 'any' };
export const ACCESS_KEY = 'ppc:access';

/** Staff with one of these roles (admins always pass). */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'staff', roles } satisfies Access);
/** Any signed-in staff member (dashboards and reads everyone may see). */
export const AnyStaff = () => SetMetadata(ACCESS_KEY, { kind: 'staff', roles: 'any' } satisfies Access);
/** No credentials: login, health, referral pages. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);
/** The reading platform's service key (X-Api-Key), never a staff token. */
export const IntakeKey = () => SetMetadata(ACCESS_KEY, { kind: 'intake' } satisfies Access);

export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** The session a bearer token names (absent for actions outside a request, e.g. the cli). */
  sessionId?: string;
  /** The account has a second factor (from the session check). */
  enrolled?: boolean;
  /** This session confirmed a second factor within STEP_UP_MINUTES. */
  steppedUp?: boolean;
}

export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().user);
