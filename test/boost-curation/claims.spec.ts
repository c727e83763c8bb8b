import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { CurationFixtures } from './fixtures.js';

/** Review claims on nominations, claim-next and the bulk decline with its preview. */
describe('nomination review claims', () => {
  let t: TestApp;
  let f: CurationFixtures;
  let carl: string;
  let cleo: string;
  let carlEmail: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    f = new CurationFixtures(t);
    carlEmail = `carl-${Date.now()}@test.example`;
    [carl, cleo] = await Promise.all([t.tokenFor(['curator'], carlEmail), t.tokenFor(['curator'])]);
  });
  afterAll(() => t.close());

  const row = async (id: string) =>
    (await t.db.pool.query(`SELECT status, claimed_by, boost_id FROM nominations WHERE id = $1`, [id])).rows[0];

  it('boost and decline of a nomination another curator claimed are refused (409 naming who); the holder decides, the claim ends', async () => {
    const nom = await f.pendingNomination();
    await t.http.post(`/api/nominations/${nom.id}/claim`).set(as(carl)).expect(200);
    for (const call of [
      () => t.http.post(`/api/nominations/${nom.id}/boost`).send({}),
      () => t.http.post(`/api/nominations/${nom.id}/decline`).send({ reason: 'clickbait' }),
    ]) {
      const res = await call().set(as(cleo));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ details: { reason: 'claimed', claimedByEmail: carlEmail } });
    }
    expect((await row(nom.id)).boost_id).toBeNull();
    const boosted = await t.http.post(`/api/nominations/${nom.id}/boost`).set(as(carl)).send({}).expect(200);
    expect(boosted.body).toMatchObject({ status: 'boosted', claimedBy: null });
    expect((await row(nom.id)).claimed_by).toBeNull();
  });

  it('two curators racing: one claim each time; claim-next never hands both the same nomination', async () => {
    const noms: string[] = [];
    for (let i = 0; i < 4; i++) noms.push((await f.pendingNomination({ at: `now() - interval '${900 - i} days'` })).id);
    const race = await Promise.all([carl, cleo].map((tok) => t.http.post(`/api/nominations/${noms[0]}/claim`).set(as(tok))));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    await t.db.pool.query(`UPDATE nominations SET claimed_by = NULL, claimed_until = NULL WHERE id = $1`, [noms[0]]);

    const filter = { id: noms };
    const [a, b] = await Promise.all(
      [carl, cleo].map((tok) => t.http.post('/api/nominations/claim-next').set(as(tok)).send({ filter }).expect(200)),
    );
    expect(a.body.next.id).not.toBe(b.body.next.id);
    expect([a.body.next.id, b.body.next.id].sort()).toEqual([noms[0], noms[1]].sort());
  });

  it('bulk decline: the preview writes nothing; the decline skips decided and claimed ones and audits each declined', async () => {
    const [a, b, c, d] = [
      await f.pendingNomination(),
      await f.pendingNomination(),
      await f.pendingNomination(),
      await f.pendingNomination(),
    ];
    await t.http.post(`/api/nominations/${b.id}/claim`).set(as(carl)).expect(200);
    await t.http.post(`/api/nominations/${c.id}/decline`).set(as(carl)).send({ reason: 'meta' }).expect(200);
    const ids = [a.id, b.id, c.id, d.id, 'n-missing'];
    const preview = await t.http
      .post('/api/nominations/bulk-decline')
      .set(as(cleo))
      .send({ ids, reason: 'clickbait', dryRun: true })
      .expect(200);
    expect(preview.body).toEqual({
      dryRun: true,
      declinedCount: 2,
      skippedCount: 3,
      declined: [a.id, d.id].sort(),
      skipped: [
        { id: b.id, reason: 'claimed', status: 'pending', claimedByEmail: carlEmail },
        { id: c.id, reason: 'not_pending', status: 'declined' },
        { id: 'n-missing', reason: 'not_found' },
      ],
    });
    expect((await row(a.id)).status).toBe('pending');

    const done = await t.http.post('/api/nominations/bulk-decline').set(as(cleo)).send({ ids, reason: 'clickbait' }).expect(200);
    expect(done.body).toMatchObject({ declinedCount: 2, skippedCount: 3 });
    expect(done.body.dryRun).toBeUndefined();
    expect((await row(a.id)).status).toBe('declined');
    expect((await row(b.id)).status).toBe('pending');
    const audit = await t.db.pool.query(
      `SELECT action, entity_id, reason FROM audit_log WHERE action LIKE 'nomination.%decline' AND entity_id = ANY($1) ORDER BY entity_id`,
      [[a.id, d.id]],
    );
    expect(audit.rows).toEqual([a.id, d.id].sort().map((id) => ({ action: 'nomination.decline', entity_id: id, reason: 'clickbait' })));

    const bad = await t.http
      .post('/api/nominations/bulk-decline')
      .set(as(cleo))
      .send({ ids: [a.id], reason: 'other' })
      .expect(400);
    expect(bad.body.details.map((x: { field: string }) => x.field)).toContain('note');
  });

  it('queue-stats: pending and claimed counts', async () => {
    const nom = await f.pendingNomination();
    await t.http.post(`/api/nominations/${nom.id}/claim`).set(as(cleo)).expect(200);
    const stats = (await t.http.get('/api/nominations/queue-stats').set(as(carl)).expect(200)).body;
    const pending = (await t.db.pool.query(`SELECT count(*)::int AS n FROM nominations WHERE status = 'pending'`)).rows[0].n;
    expect(stats.pending).toBe(pending);
    expect(stats.claimedByOthers).toBeGreaterThanOrEqual(1);
  });
});
