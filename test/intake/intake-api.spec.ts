import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntakeHooks } from '../../libs/core/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { validBundle } from './fixtures.js';

describe('intake API', () => {
  let t: TestApp;
  let key: string;
  const post = (kind: string, body: unknown, apiKey: string | null = key) => {
    const req = t.http.post(`/api/intake/${kind}`);
    return (apiKey === null ? req : req.set('X-Api-Key', apiKey)).send(body as object);
  };
  const q = async (sql: string, params: unknown[] = []) => (await t.db.pool.query(sql, params)).rows;

  beforeAll(async () => {
    t = await startTestApp();
    key = t.config.intakeApiKey;
    const b = validBundle();
    for (const kind of ['members', 'publications', 'stories'] as const) await post(kind, b[kind]).expect(200);
  });
  afterAll(() => t.close());

  it('refuses a missing or wrong key with 401, and a staff token with 401', async () => {
    const body = [validBundle().sessions[0]];
    const missing = await post('sessions', body, null).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    await post('sessions', body, 'not-the-key').expect(401);
    await post('sessions', body, '').expect(401);
    const admin = await t.adminToken();
    const staff = await t.http.post('/api/intake/sessions').set('Authorization', `Bearer ${admin}`).send(body).expect(401);
    expect(staff.body.message).toMatch(/X-Api-Key/);
    expect(await q(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 0 }]);
  });

  it('answers 413 with a clear message for more than 10,000 records, and nothing is written', async () => {
    const s = validBundle().sessions[0];
    const batch = Array.from({ length: 10_001 }, (_, i) => ({ ...s, id: `big${i}` }));
    const res = await post('sessions', batch).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'payload_too_large', details: { maxRecords: 10000, received: 10001 } });
    expect(res.body.message).toMatch(/at most 10,000 records; this one has 10,001/);
    expect(await q(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 0 }]);
  });

  it('a body over the size limit is a 413 too', async () => {
    const s = validBundle().stories[0];
    const batch = Array.from({ length: 3000 }, (_, i) => ({ ...s, id: `huge${i}`, title: 'x'.repeat(10_000) }));
    const res = await post('stories', batch);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 413, body: { statusCode: 413 } });
  });

  it('takes exactly 10,000 records', async () => {
    const s = validBundle().sessions[0];
    const res = await post(
      'sessions',
      Array.from({ length: 10_000 }, (_, i) => ({ ...s, id: `full${i}` })),
    ).expect(200);
    expect(res.body).toMatchObject({ received: 10000, inserted: 10000, rejected: 0 });
    await t.db.pool.query(`DELETE FROM sessions`);
  });

  it('answers 404 for an unknown kind and 400 for a body that is not an array', async () => {
    const unknown = await post('readings', []).expect(404);
    expect(unknown.body.message).toMatch(/unknown kind "readings"/);
    const notArray = await post('sessions', { id: 'v1' }).expect(400);
    expect(notArray.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'body' }] });
  });

  it('a request body that is not JSON is a 400, not a 500', async () => {
    const res = await t.http
      .post('/api/intake/sessions')
      .set('X-Api-Key', key)
      .set('Content-Type', 'application/json')
      .send('[{"id": ')
      .expect(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('answers per record: inserted, updated, unchanged, rejected with index and reason; valid records are kept', async () => {
    const [v1, v2, v3] = validBundle().sessions;
    const first = await post('sessions', [v1, v2, { ...v3, activeSeconds: -1 }, { ...v3, storyId: 'nope' }]).expect(200);
    expect(first.body).toMatchObject({ kind: 'sessions', received: 4, inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.body.results).toEqual([
      { index: 0, id: 'v1', status: 'inserted' },
      { index: 1, id: 'v2', status: 'inserted' },
      { index: 2, id: 'v3', status: 'rejected', reason: 'activeSeconds must be an integer >= 0 (got -1)' },
      { index: 3, id: 'v3', status: 'rejected', reason: 'unknown story nope' },
    ]);
    expect(first.body.rejections).toEqual([
      { index: 2, id: 'v3', reason: 'activeSeconds must be an integer >= 0 (got -1)' },
      { index: 3, id: 'v3', reason: 'unknown story nope' },
    ]);
    const second = await post('sessions', [v1, { ...v2, activeSeconds: 99 }, v3, 'garbage', null]).expect(200);
    expect(second.body).toMatchObject({ received: 5, inserted: 1, updated: 1, unchanged: 1, rejected: 2 });
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual([
      'unchanged',
      'updated',
      'inserted',
      'rejected',
      'rejected',
    ]);
    expect(second.body.results[3].reason).toBe('a record must be a JSON object (got a string)');
    expect(await q(`SELECT id, active_seconds FROM sessions ORDER BY id`)).toEqual([
      { id: 'v1', active_seconds: 45 },
      { id: 'v2', active_seconds: 99 },
      { id: 'v3', active_seconds: 1800 },
    ]);
  });

  it('the same id twice in a batch: the last one wins', async () => {
    const [v1] = validBundle().sessions;
    const res = await post('sessions', [
      { ...v1, activeSeconds: 1 },
      { ...v1, activeSeconds: 2 },
    ]).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'updated']);
    expect(await q(`SELECT active_seconds FROM sessions WHERE id = 'v1'`)).toEqual([{ active_seconds: 2 }]);
  });

  it('refuses a referral on or after 2023-09-01 saying the referral program ended then', async () => {
    const ok = { id: 'r1', referrerId: 'm1', referredMemberId: 'm2', referredAt: '2023-08-31T23:59:59Z', pageSlug: 'ref-ada' };
    const res = await post('referrals', [
      ok,
      { ...ok, id: 'r2', referredAt: '2023-09-01T00:00:00Z' },
      { ...ok, id: 'r3', referredAt: '2024-01-01T00:00:00-01:00' },
    ]).expect(200);
    expect(res.body).toMatchObject({ inserted: 1, rejected: 2 });
    for (const r of res.body.rejections) expect(r.reason).toMatch(/^the referral program ended on 2023-09-01: referredAt .* is too late/);
  });

  it('payout accounts are identified by memberId', async () => {
    const [acct] = validBundle().payoutAccounts;
    await post('payoutAccounts', [acct]).expect(200);
    const res = await post('payoutAccounts', [{ ...acct, status: 'restricted' }]).expect(200);
    expect(res.body.results).toEqual([{ index: 0, id: 'm1', status: 'updated' }]);
    expect(await q(`SELECT status FROM payout_accounts`)).toEqual([{ status: 'restricted' }]);
  });

  it('runs the intake hooks in the same transaction, with the inserted or updated ids only', async () => {
    const seen: string[][] = [];
    t.app.get(IntakeHooks).register('tickets', async (manager, ids) => {
      seen.push(ids);
      const [row] = await manager.query(`SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1)`, [ids]);
      expect(row.n).toBe(ids.length); // the rows are visible inside intake's transaction
      if (ids.includes('t-fail')) throw new Error('hook refuses');
    });
    const [ticket] = validBundle().tickets;
    await post('tickets', [ticket, { ...ticket, id: 't2', period: null, storyId: null }]).expect(200);
    await post('tickets', [ticket, { ...ticket, id: 't2', period: null, storyId: null, subject: 'Changed' }]).expect(200);
    expect(seen).toEqual([['t1', 't2'], ['t2']]);
    // a failing hook rolls the whole batch back
    await post('tickets', [{ ...ticket, id: 't-fail' }]).expect(500);
    expect(await q(`SELECT id FROM tickets ORDER BY id`)).toEqual([{ id: 't1' }, { id: 't2' }]);
  });

  it('never touches the domain columns: a decided nomination keeps its decision when the feed updates it', async () => {
    const [nom] = validBundle().nominations;
    await post('nominations', [nom]).expect(200);
    await t.db.pool.query(
      `UPDATE nominations SET status = 'declined', decline_reason = 'other', decided_at = now(), evaluated_at = now() WHERE id = 'n1'`,
    );
    const res = await post('nominations', [{ ...nom, nominatedAt: '2026-10-03T01:00:00Z' }]).expect(200);
    expect(res.body.results[0].status).toBe('updated');
    const [row] = await q(`SELECT status, decline_reason, nominated_at FROM nominations WHERE id = 'n1'`);
    expect(row).toMatchObject({ status: 'declined', decline_reason: 'other' });
    expect((row.nominated_at as Date).toISOString()).toBe('2026-10-03T01:00:00.000Z');
  });

  it('an application for a member who already has a pending one is refused, not a 409 for the batch', async () => {
    const [app] = validBundle().applications;
    await post('applications', [app]).expect(200);
    const res = await post('applications', [
      { ...app, id: 'a2' },
      { ...app, id: 'a3', memberId: 'm1' },
      { ...app, id: 'a4', memberId: 'm1' },
    ]).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'inserted', 'rejected']);
    expect(res.body.results[0].reason).toMatch(/^member m3 already has a pending application \(a1\)$/);
    expect(res.body.results[2].reason).toMatch(/^member m1 already has a pending application \(a3\)$/);
  });
});
