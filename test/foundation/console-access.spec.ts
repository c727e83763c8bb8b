import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACCESS } from '../../apps/admin/src/access.js';
import { ROLES } from '../../libs/core/src/index.js';
import { routeTable, type RouteAccess } from '../../libs/core/src/auth/route-table.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The route behind a console action (react-admin's verbs, then the API's domain actions). */
function routeOf(routes: RouteAccess[], resource: string, action: string): RouteAccess | undefined {
  const find = (method: string, path: RegExp) => routes.find((r) => r.method === method && path.test(r.path));
  const base = `/${resource}`;
  const id = `${base}/:[a-zA-Z]+`;
  switch (action) {
    case 'list':
    case 'export':
      return find('GET', new RegExp(`^${base}$`));
    case 'show':
      return find('GET', new RegExp(`^${id}$`));
    case 'create':
      return find('POST', new RegExp(`^${base}$`));
    case 'edit':
      return find('PUT', new RegExp(`^${id}$`)) ?? find('PUT', new RegExp(`^${base}/current$`));
    case 'delete':
      return find('DELETE', new RegExp(`^${id}$`));
    default:
      return (
        find('POST', new RegExp(`^${id}/${action}$`)) ??
        find('POST', new RegExp(`^${base}/${action}$`)) ??
        find('GET', new RegExp(`^${id}/${action}$`))
      );
  }
}

/**
 * The console's table of who may do what (it only hides what the API would refuse) must
 * agree with the roles the API's routes declare, role by role.
 */
describe("the console's access table", () => {
  let t: TestApp;
  let routes: RouteAccess[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = routeTable(t.app);
  });
  afterAll(() => t.close());

  it('grants exactly what the API grants, for every resource, action and role', () => {
    const mismatches: string[] = [];
    for (const [resource, actions] of Object.entries(ACCESS)) {
      for (const [action, who] of Object.entries(actions)) {
        const route = routeOf(routes, resource, action);
        if (!route) continue; // console-only pages (e.g. writer-referrals) compose several API reads
        const access = route.access;
        for (const role of ROLES.filter((r) => r !== 'admin')) {
          const console = who === 'any' || who.includes(role);
          const api = access?.kind === 'staff' && (access.roles === 'any' || access.roles.includes(role));
          if (console !== api)
            mismatches.push(`${resource}.${action} for ${role}: console ${console}, api ${api} (${route.method} ${route.path})`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('knows a route for most of its actions (the mapping above is not vacuous)', () => {
    const mapped = Object.entries(ACCESS).flatMap(([resource, actions]) =>
      Object.keys(actions).filter((a) => routeOf(routes, resource, a)),
    );
    expect(mapped.length).toBeGreaterThan(60);
  });
});
