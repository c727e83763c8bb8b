import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { Fixtures } from './fixtures.js';

/**
 * Issue 12 finding: `{"filter":{"__proto__":{"id":"x"}}}` (or `constructor`) approved every
 * pending application: the key was dropped and the filter became "all pending". The filter
 * is strict: unknown and prototype keys are refused by name, and a filter with no condition
 * is refused, never widened to every application.
 */
describe('bulk approve takes a strict filter', () => {
  let t: TestApp;
  let reviewer: string;
  const approve = (raw: string) =>
    t.http
      .post('/api/applications/bulk-approve')
      .set('Authorization', `Bearer ${reviewer}`)
      .set('Content-Type', 'application/json')
      .send(raw);
  const approved = async () =>
    (await t.db.pool.query(`SELECT count(*)::int AS n FROM applications WHERE status = 'approved'`)).rows[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    reviewer = await t.tokenFor(['reviewer']);
    const f = new Fixtures(t.db.pool);
    for (const id of ['p1', 'p2', 'p3']) await f.application(`app-${id}`, await f.eligibleWriter(id));
  });
  afterAll(() => t.close());

  it.each([
    ['{"filter":{"__proto__":{"id":"x"}}}', 'filter.__proto__'],
    ['{"filter":{"constructor":{"id":"x"}}}', 'filter.constructor'],
    ['{"filter":{"prototype":"x"}}', 'filter.prototype'],
    ['{"filter":{"colour":"red"}}', 'filter.colour'],
  ])('%s is a 400 naming the field, and approves nothing', async (raw, field) => {
    const res = await approve(raw);
    expect(res.status).toBe(400);
    // named (filter.<key>), or, where the validation pipe already dropped a prototype key, refused as naming no condition
    expect(res.body.details.some((d: { field: string }) => d.field === field || d.field === 'filter')).toBe(true);
    expect(await approved()).toBe(0);
  });

  it.each(['{"filter":{}}', '{"filter":{"memberId":null}}', '{"filter":{"country":""}}', '{}', '{"filter":null}'])(
    '%s names no condition: refused, never "all"',
    async (raw) => {
      const res = await approve(raw);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('filter');
      expect(await approved()).toBe(0);
    },
  );

  it('an explicit condition still works (the pending ones of a country)', async () => {
    const res = await approve('{"filter":{"country":"FR"}}').expect(200);
    expect(res.body).toMatchObject({ matched: 3, approvedCount: 3 });
  });
});
