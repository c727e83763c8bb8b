import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/** Issue 12 findings: a parameter write is validated as a whole set, and a write that changes nothing records nothing. */
describe('earnings parameter writes', () => {
  let t: TestApp;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const put = (body: unknown) =>
    t.http
      .put('/api/earnings-parameters/current')
      .set(auth())
      .send(body as object);
  const counts = async () =>
    (
      await t.db.pool.query(
        `SELECT (SELECT count(*)::int FROM earnings_parameter_sets) AS versions,
              (SELECT count(*)::int FROM audit_log WHERE action = 'earnings-parameters.update') AS audits`,
      )
    ).rows[0];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('refuses null for a parameter (it broke the next run: "not an integer parameter: null"), naming the field', async () => {
    const res = await put({ writerShareBps: null }).expect(400);
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual(['writerShareBps']);
    expect(await counts()).toEqual({ versions: 0, audits: 0 });
  });

  it('an empty change, or one that repeats the current values, creates no version and no audit row', async () => {
    const { body: empty } = await put({}).expect(200);
    expect(empty).toMatchObject({ version: 0, params: { writerShareBps: 5000 } });
    await put({ writerShareBps: 5000, boostDays: 14 }).expect(200);
    expect(await counts()).toEqual({ versions: 0, audits: 0 });
    await put({ boostDays: 10 }).expect(200);
    await put({ boostDays: 10 }).expect(200);
    expect(await counts()).toEqual({ versions: 1, audits: 1 });
  });

  it('validates the whole set at write: a stored bad value is refused on the next change too, not carried on', async () => {
    // a version written before writes were validated (what the migration repairs for old versions)
    await t.db.pool.query(`INSERT INTO earnings_parameter_sets (params) VALUES ('{"payout": {"writerShareBps": null}}')`);
    const res = await put({ clapPoints: 61 }).expect(400);
    expect(res.body.details).toEqual([{ field: 'writerShareBps', message: 'must be an integer from 0 to 10000' }]);
    await put({ clapPoints: 61, writerShareBps: 5000 }).expect(200);
  });

  it('shows the referral cutoff as the fixed fact it is, accepts it back unchanged, refuses to move it', async () => {
    const { body } = await t.http.get('/api/earnings-parameters/current').set(auth()).expect(200);
    expect(body.params.referralCutoff).toBe('2023-09-01T00:00:00Z');
    await put({ referralCutoff: '2023-09-01T00:00:00Z' }).expect(200);
    const moved = await put({ referralCutoff: '2024-01-01T00:00:00Z' }).expect(400);
    expect(moved.body.details).toEqual([{ field: 'referralCutoff', message: expect.stringMatching(/fixed/) }]);
  });

  it('stores the set split by owner: payout formula, execution, referral and curation sections', async () => {
    await put({ shards: 4, referralShareBps: 4000 }).expect(200);
    const {
      rows: [latest],
    } = await t.db.pool.query(`SELECT params FROM earnings_parameter_sets ORDER BY version DESC LIMIT 1`);
    expect(Object.keys(latest.params).sort()).toEqual(['curation', 'execution', 'payout', 'referral']);
    expect(latest.params).toMatchObject({ execution: { shards: 4 }, referral: { referralShareBps: 4000 }, curation: { boostDays: 14 } }); // the raw version above reset boostDays to its default
    expect(latest.params.payout).not.toHaveProperty('shards');
  });
});
