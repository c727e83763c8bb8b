import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { Fixtures } from './fixtures.js';

/** Review claims on applications: one reviewer per application, atomic, released by the decision. */
describe('application review claims', () => {
  let t: TestApp;
  let f: Fixtures;
  let rita: string;
  let rob: string;
  let ritaEmail: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t.db.pool);
    ritaEmail = `rita-${Date.now()}@test.example`;
    [rita, rob] = await Promise.all([t.tokenFor(['reviewer'], ritaEmail), t.tokenFor(['reviewer'])]);
  });
  afterAll(() => t.close());

  /** A pending application that passes every check, submitted `minutesAgo` ago (queue order). */
  const pending = async (minutesAgo = 60) => {
    const name = `claim-${++n}-${Date.now().toString(36)}`;
    const key = await f.eligibleWriter(name);
    await f.application(`app-${name}`, key, { submittedAt: `now() - interval '${minutesAgo} minutes'` });
    await t.http.post(`/api/applications/app-${name}/recheck`).set(as(rob)).expect(200);
    return `app-${name}`;
  };
  const claimRow = async (id: string) =>
    (await t.db.pool.query(`SELECT status, claimed_by, claimed_until FROM applications WHERE id = $1`, [id])).rows[0];

  it('a claimed application cannot be decided by another reviewer (409 naming who), the holder decides and the claim ends', async () => {
    const id = await pending();
    const claimed = await t.http.post(`/api/applications/${id}/claim`).set(as(rita)).expect(200);
    expect(claimed.body).toMatchObject({ id, claimedByEmail: ritaEmail });
    expect(new Date(claimed.body.claimedUntil).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

    for (const call of [
      () => t.http.post(`/api/applications/${id}/approve`),
      () => t.http.post(`/api/applications/${id}/reject`).send({ reason: 'policy', note: 'not for us' }),
      () => t.http.post(`/api/applications/${id}/claim`),
    ]) {
      const res = await call().set(as(rob));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'conflict', details: { reason: 'claimed', claimedByEmail: ritaEmail } });
      expect(res.body.message).toContain(`being reviewed by ${ritaEmail}`);
    }
    expect((await claimRow(id)).status).toBe('pending');

    const approved = await t.http.post(`/api/applications/${id}/approve`).set(as(rita)).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', claimedBy: null, claimedByEmail: null, claimedUntil: null });
    expect(await claimRow(id)).toMatchObject({ status: 'approved', claimed_by: null, claimed_until: null });
    // Decided: claiming it now is a 409 for being decided, not for a claim.
    const late = await t.http.post(`/api/applications/${id}/claim`).set(as(rob)).expect(409);
    expect(late.body.details).toEqual({ status: 'approved' });
  });

  it('two reviewers racing for one application: exactly one gets the claim', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await pending();
      const results = await Promise.all([rita, rob].map((tok) => t.http.post(`/api/applications/${id}/claim`).set(as(tok))));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body.claimedBy;
      expect((await claimRow(id)).claimed_by).toBe(winner);
    }
  });

  it('two reviewers racing to decide: the claim holder wins, the other is refused', async () => {
    const id = await pending();
    await t.http.post(`/api/applications/${id}/claim`).set(as(rita)).expect(200);
    const [robTry, ritaTry] = await Promise.all([
      t.http.post(`/api/applications/${id}/reject`).set(as(rob)).send({ reason: 'policy', note: 'no' }),
      t.http.post(`/api/applications/${id}/approve`).set(as(rita)),
    ]);
    expect(ritaTry.status).toBe(200);
    expect(robTry.status).toBe(409);
    expect((await claimRow(id)).status).toBe('approved');
  });

  it('claim-next hands two reviewers asking at once different applications, in queue order, never one claimed by someone else', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await pending(100_000 - i)); // older than anything else in this database
    const filter = { id: ids };
    const got: string[] = [];
    let [ritaAt, robAt]: (string | undefined)[] = [undefined, undefined];
    for (let round = 0; round < 3; round++) {
      const [a, b]: { body: { next: { id: string } } }[] = await Promise.all([
        t.http.post('/api/applications/claim-next').set(as(rita)).send({ filter, after: ritaAt }).expect(200),
        t.http.post('/api/applications/claim-next').set(as(rob)).send({ filter, after: robAt }).expect(200),
      ]);
      // They decide what they got, so the claims end.
      await t.http.post(`/api/applications/${a.body.next.id}/approve`).set(as(rita)).expect(200);
      await t.http.post(`/api/applications/${b.body.next.id}/reject`).set(as(rob)).send({ reason: 'policy', note: 'n' }).expect(200);
      [ritaAt, robAt] = [a.body.next.id, b.body.next.id];
      got.push(a.body.next.id, b.body.next.id);
    }
    expect(new Set(got).size).toBe(6);
    expect([...got].sort()).toEqual([...ids].sort());
    expect((await t.http.post('/api/applications/claim-next').set(as(rita)).send({ filter }).expect(200)).body).toEqual({ next: null });
  });

  it('claim-next moves on: the claim on `after` ends, the next one follows it, wrapping round; an expired claim is free', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await pending(200_000 - i));
    const filter = { id: ids };
    const first = (await t.http.post('/api/applications/claim-next').set(as(rita)).send({ filter }).expect(200)).body.next;
    expect(first.id).toBe(ids[0]);
    const second = (await t.http.post('/api/applications/claim-next').set(as(rita)).send({ filter, after: ids[0] }).expect(200)).body.next;
    expect(second.id).toBe(ids[1]);
    expect((await claimRow(ids[0])).claimed_by).toBeNull();
    // Rob holds the third; from the second, Rita wraps round to the first.
    await t.http.post(`/api/applications/${ids[2]}/claim`).set(as(rob)).expect(200);
    const wrapped = (await t.http.post('/api/applications/claim-next').set(as(rita)).send({ filter, after: ids[1] }).expect(200)).body.next;
    expect(wrapped.id).toBe(ids[0]);
    // Rob's claim expires: Rita may take it and decide.
    await t.db.pool.query(`UPDATE applications SET claimed_until = now() - interval '1 second' WHERE id = $1`, [ids[2]]);
    expect((await t.http.get(`/api/applications/${ids[2]}`).set(as(rita)).expect(200)).body.claimedBy).toBeNull();
    await t.http.post(`/api/applications/${ids[2]}/approve`).set(as(rita)).expect(200);
  });

  it('release lets another reviewer decide; bulk approve skips (and names) applications others claimed; its preview writes nothing', async () => {
    const [a, b, c] = [await pending(), await pending(), await pending()];
    await t.http.post(`/api/applications/${a}/claim`).set(as(rita)).expect(200);
    await t.http.post(`/api/applications/${a}/release`).set(as(rita)).expect(200);
    await t.http.post(`/api/applications/${a}/reject`).set(as(rob)).send({ reason: 'policy', note: 'n' }).expect(200);

    await t.http.post(`/api/applications/${b}/claim`).set(as(rita)).expect(200);
    const audits = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n as number;
    const auditBefore = await audits();
    const preview = await t.http
      .post('/api/applications/bulk-approve')
      .set(as(rob))
      .send({ filter: { id: [a, b, c] }, dryRun: true })
      .expect(200);
    expect(preview.body).toMatchObject({ dryRun: true, matched: 2, approvedCount: 1, skippedCount: 1 });
    expect(preview.body.approved.map((x: { id: string }) => x.id)).toEqual([c]);
    expect(preview.body.skipped).toEqual([{ id: b, reason: 'claimed', status: 'pending', claimedByEmail: ritaEmail }]);
    expect((await claimRow(c)).status).toBe('pending');
    expect(await audits()).toBe(auditBefore);

    const done = await t.http
      .post('/api/applications/bulk-approve')
      .set(as(rob))
      .send({ filter: { id: [a, b, c] } })
      .expect(200);
    expect(done.body.dryRun).toBeUndefined();
    expect(done.body).toMatchObject({ matched: 2, approvedCount: 1, skippedCount: 1 });
    expect((await claimRow(c)).status).toBe('approved');
    expect((await claimRow(b)).status).toBe('pending');
  });

  it('queue-stats counts what is pending, claimed by me and by others', async () => {
    const [a, b] = [await pending(), await pending()];
    await t.http.post(`/api/applications/${a}/claim`).set(as(rita)).expect(200);
    await t.http.post(`/api/applications/${b}/claim`).set(as(rob)).expect(200);
    const stats = (await t.http.get('/api/applications/queue-stats').set(as(rita)).expect(200)).body;
    const pendingNow = (await t.db.pool.query(`SELECT count(*)::int AS n FROM applications WHERE status = 'pending'`)).rows[0].n;
    const mine = (
      await t.db.pool.query(
        `SELECT count(*)::int AS n FROM applications a JOIN staff_users s ON s.id = a.claimed_by WHERE s.email = $1 AND a.status = 'pending' AND a.claimed_until > now()`,
        [ritaEmail],
      )
    ).rows[0].n;
    expect(stats).toMatchObject({ pending: pendingNow, claimedByMe: mine });
    expect(stats.claimedByMe).toBeGreaterThanOrEqual(1);
    expect(stats.claimedByOthers).toBeGreaterThanOrEqual(1);
    const listed = await t.http
      .get(`/api/applications?filter=${encodeURIComponent(JSON.stringify({ claimed: false, status: 'pending', id: [a, b] }))}`)
      .set(as(rita))
      .expect(200);
    expect(listed.body).toEqual([]);
  });
});
