import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../libs/core/src/index.js';
import { routeTable, type RouteAccess } from '../../libs/core/src/auth/route-table.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Generated from the routes themselves: every staff route is called with a token of
 * every role it does not name, and must answer 403 (a new route can't be forgotten).
 */
describe('route × role access table', () => {
  let t: TestApp;
  let routes: RouteAccess[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp();
    routes = routeTable(t.app);
    for (const role of ROLES) tokens.set(role, await t.tokenFor([role]));
  });
  afterAll(() => t.close());

  const call = (route: RouteAccess, token?: string) => {
    const path = `/api${route.path}`
      .replace(/:[A-Za-z]+/g, 'x1')
      .replace(/\{\*[A-Za-z]+\}/g, 'x1')
      .replace(/^\/api\/r\//, '/r/');
    const req = t.http[route.method.toLowerCase() as 'get'](path);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('every route declares its access', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !r.access).map((r) => r.handler)).toEqual([]);
  });

  it('staff routes answer 401 without a token and 403 for each role they do not name', async () => {
    const checked: string[] = [];
    for (const route of routes) {
      if (route.access?.kind !== 'staff') continue;
      expect((await call(route)).status).toBe(401);
      if (route.access.roles === 'any') continue;
      for (const role of ROLES) {
        if (role === 'admin' || route.access.roles.includes(role)) continue;
        const res = await call(route, tokens.get(role));
        expect({ route: `${route.method} ${route.path}`, role, status: res.status }).toEqual({
          route: `${route.method} ${route.path}`,
          role,
          status: 403,
        });
        checked.push(`${route.method} ${route.path} ${role}`);
      }
    }
    expect(checked.length).toBeGreaterThan(0);
  });

  it('intake routes refuse staff tokens', async () => {
    for (const route of routes.filter((r) => r.access?.kind === 'intake')) {
      expect((await call(route, tokens.get('admin'))).status).toBe(401);
    }
  });

  it('a named role and admin get past the guard (not 401/403)', async () => {
    for (const route of routes) {
      if (route.access?.kind !== 'staff' || route.method !== 'GET') continue;
      const role = route.access.roles === 'any' ? 'support' : route.access.roles[0];
      for (const r of [role, 'admin'] as Role[]) {
        const res = await call(route, tokens.get(r));
        expect([401, 403]).not.toContain(res.status);
      }
    }
  });
});
