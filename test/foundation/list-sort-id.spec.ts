import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routeTable } from '../../libs/core/src/auth/route-table.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * react-admin sorts by `id` unless told otherwise: every list (a GET without parameters that
 * answers with Content-Range) accepts sort=["id","ASC"|"DESC"]. Generated from the routes, so a
 * new list is checked without being named here.
 */
describe('every list sorts by id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts sort=id both ways on every list route', async () => {
    const admin = await t.adminToken();
    const get = (path: string) => t.http.get(path).set('Authorization', `Bearer ${admin}`);
    const lists: string[] = [];
    for (const route of routeTable(t.app)) {
      if (route.method !== 'GET' || route.path.includes(':') || route.path.includes('{') || route.access?.kind !== 'staff') continue;
      const plain = await get(`/api${route.path}`);
      if (plain.status !== 200 || !plain.headers['content-range']) continue;
      lists.push(route.path);
      for (const direction of ['ASC', 'DESC']) {
        const res = await get(`/api${route.path}?sort=${encodeURIComponent(JSON.stringify(['id', direction]))}`);
        expect({ list: route.path, direction, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
          list: route.path,
          direction,
          status: 200,
          body: null,
        });
      }
    }
    expect(lists).toEqual(
      expect.arrayContaining([
        '/members',
        '/publications',
        '/stories',
        '/payout-runs',
        '/story-earnings',
        '/statements',
        '/adjustments',
        '/staff-users',
        '/tickets',
        '/saved-replies',
        '/audit-log',
      ]),
    );
  });
});
